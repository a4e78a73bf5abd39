import { test, expect } from '@playwright/test';
import { EngineContext } from '../../../src/engine/run/engine-context.ts';
import { runHuaweiPlan } from '../../../src/engine/run/huawei/huawei-plan.ts';
import { ASSOCIATE_MUTATIONS } from '../../../src/engine/cases/huawei/kps-mutations.ts';
import { resolveMockOptions } from '../../../src/mock/index.ts';
import { mockTarget } from '../../_helpers/mock-target.ts';

// Chance does not decide (issue 13): every listed value of a mutation (a port sent as the string "22",
// each wrong type, each out-of-range edge, each kind of broken JSON) is sent on every run, at --runs 1
// as at --runs 100, whatever the seed.

const target = mockTarget({ url: 'http://127.0.0.1:9', options: resolveMockOptions() });

async function sentBodies(seed: number, runs: number): Promise<Map<string, string[]>> {
  const ctx = new EngineContext(target, { seed, runs, restore: false }, undefined, true);
  const byCase = new Map<string, string[]>();
  ctx.onExchange((c, x) => {
    if (!c.id.startsWith('kps.associate/mutation/')) return;
    byCase.set(c.id, [...(byCase.get(c.id) ?? []), x.request.body ?? '']);
  });
  await runHuaweiPlan(ctx);
  return byCase;
}

for (const seed of [1, 2, 3]) {
  test(`every fixed mutation value is sent at --runs 1, seed ${seed}`, async () => {
    const bodies = await sentBodies(seed, 1);
    const hw = target.huaweicloud!;
    const servers = [...hw.fixtures.servers.running, ...hw.fixtures.servers.bound];
    for (const mutation of ASSOCIATE_MUTATIONS) {
      const sent = new Set(bodies.get(`kps.associate/mutation/${mutation.name}`) ?? []);
      for (const [k, mutate] of (mutation.fixed ?? []).entries()) {
        // The body the mutation makes of a valid one, as it goes on the wire (raw text for broken JSON).
        const wire = (id: string) => {
          const out = mutate({ keypair_name: hw.fixtures.keypairs[0], server: { id } });
          return out && typeof out === 'object' && 'raw' in out ? (out as { raw: string }).raw : JSON.stringify(out);
        };
        expect(
          servers.some((id) => sent.has(wire(id))),
          `${mutation.name} value #${k + 1}`,
        ).toBe(true);
      }
    }
    expect((bodies.get('kps.associate/mutation/port-wrong-type') ?? []).some((b) => b.includes('"port":"22"'))).toBe(true);
  });
}
