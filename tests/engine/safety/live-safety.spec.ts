import { test, expect } from '@playwright/test';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { defaultFixtures, startMock, resolveMockOptions } from '../../../src/mock/index.ts';
import { EngineContext } from '../../../src/engine/run/engine-context.ts';
import { runHuaweiPlan } from '../../../src/engine/run/huawei/huawei-plan.ts';
import { runVolcenginePlan } from '../../../src/engine/run/volcengine/volcengine-plan.ts';
import { planCloud } from '../../../src/engine/run/plan-cloud.ts';
import { runCloud } from '../../../src/engine/run/run-cloud.ts';
import { mockTarget } from '../../_helpers/mock-target.ts';

// Safety for live runs (issue 5): binds go only to the target's fixtures (or ids that exist nowhere),
// plan sends nothing, the request budget ends a run cleanly, pacing holds.

const fixtures = defaultFixtures();
const settings = { seed: 9, runs: 40 };

test('plan builds every request and sends none', async () => {
  // Arrange: an endpoint that counts what reaches it
  let received = 0;
  const server = createServer((_req, res) => {
    received++;
    res.end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const target = mockTarget({ url, options: resolveMockOptions() });
  try {
    // Act
    const planned = [...(await planCloud('huaweicloud', target, settings)), ...(await planCloud('volcengine', target, settings))];
    // Assert
    expect(planned.reduce((n, p) => n + p.count, 0)).toBeGreaterThan(200);
    expect(received).toBe(0);
  } finally {
    server.close();
  }
});

test('every bind the plan would send names only fixtures, or ids that exist nowhere', async () => {
  // Arrange
  const target = mockTarget({ url: 'http://127.0.0.1:9', options: resolveMockOptions() });
  const knownServers = new Set(fixtures.huaweiServers.map((s) => s.id));
  const knownInstances = new Set(fixtures.volcengineInstances.map((i) => i.id));
  const nowhereServer = /^00000000-(dead|feed)-4000-8000-[0-9a-z]{12}$/;
  const nowhereInstance = /^i-unknown|\*{4}$/;
  const outside: string[] = [];
  for (const run of [runHuaweiPlan, runVolcenginePlan]) {
    const ctx = new EngineContext(target, settings, undefined, true);
    ctx.onExchange((c) => {
      // A Huawei body as the case sends it, mutated ones included: each member is tested before use.
      type Entry = { server?: { id?: unknown } | null } | null | undefined;
      const body = c.request.body as (Entry & { batch_keypairs?: unknown }) | null | undefined;
      const servers =
        c.operation === 'kps.batch-associate'
          ? Array.isArray(body?.batch_keypairs)
            ? body.batch_keypairs.map((e: Entry) => e?.server?.id)
            : []
          : [body?.server?.id];
      for (const id of c.operation.startsWith('kps.') && c.operation !== 'kps.task' ? servers : []) {
        if (typeof id === 'string' && !knownServers.has(id) && !nowhereServer.test(id)) outside.push(`${c.id}: server ${id}`);
      }
      for (const id of (c.request.logical?.InstanceIds as string[] | undefined) ?? []) {
        if (!knownInstances.has(id) && !nowhereInstance.test(id)) outside.push(`${c.id}: instance ${id}`);
      }
    });
    // Act
    await run(ctx);
  }
  // Assert
  expect(outside).toEqual([]);
});

test('safety.maxRequests ends the run cleanly: undecided rules are skipped with "budget"', async () => {
  // Arrange
  const mock = await startMock({ taskDelayMs: 10 });
  try {
    const target = mockTarget(mock, (t) => (t.safety.maxRequests = 60));
    // Act
    const { verdicts, requests, restoreRequests = 0 } = await runCloud('huaweicloud', target, settings);
    // Assert: the budget is spent to the last request; the final restore comes on top of it
    expect(requests - restoreRequests).toBe(60);
    expect(verdicts.filter((v) => v.status === 'fail')).toEqual([]);
    const budget = verdicts.filter((v) => v.status === 'skipped' && v.reason?.startsWith('budget:'));
    expect(budget.length).toBeGreaterThan(5);
  } finally {
    await mock.close();
  }
});

test('safety.requestsPerSecond paces the requests', async () => {
  // Arrange
  const mock = await startMock({ taskDelayMs: 10 });
  try {
    const target = mockTarget(mock, (t) => {
      t.safety.requestsPerSecond = 50;
      t.safety.maxRequests = 40;
    });
    const started = Date.now();
    // Act
    const { requests, restoreRequests = 0 } = await runCloud('volcengine', target, settings);
    // Assert: 40 requests at 50 per second take at least (40 - 1) / 50 s
    expect(requests - restoreRequests).toBe(40);
    expect(Date.now() - started).toBeGreaterThanOrEqual(((requests - 1) / 50) * 1000 - 20);
  } finally {
    await mock.close();
  }
});

test('a target whose clock is 10 minutes off still passes (the gateways accept 15 minutes)', async () => {
  const mock = await startMock({ taskDelayMs: 10, now: () => Date.now() + 10 * 60 * 1000 });
  try {
    const target = mockTarget(mock);
    for (const cloud of ['huaweicloud', 'volcengine'] as const) {
      const { verdicts } = await runCloud(cloud, target, { ...settings, runs: 15 });
      expect(
        verdicts.filter((v) => v.status === 'fail').map((v) => v.rule),
        cloud,
      ).toEqual([]);
    }
  } finally {
    await mock.close();
  }
});
