import { setTimeout as sleep } from 'node:timers/promises';
import type { components as Kps } from '../../../../generated/huaweicloud-kps.ts';
import type { AuthVariant, Case } from '../../cases/case.ts';
import { bodyObject, isSuccess } from '../../transport/answer.ts';
import { ContractFailure } from '../../checks/contract-failure.ts';
import type { Exchange } from '../../transport/exchange.ts';
import type { EngineContext } from '../engine-context.ts';
import { executeCase } from '../execute-case.ts';
import { inParallel } from '../_internals/in-parallel.ts';
import type { ServerPool } from './server-pool.ts';

type ProbedRule = 'kps.auth.required' | 'kps.auth.bad-signature';

/**
 * "Changes nothing" (RULES.md, State), checked by what a later request shows, not taken on trust from the
 * refusal: a refused bind names a fresh server; once any task it might have started would have ended, a
 * valid BatchAssociateKeypair of that server must give it a SUCCESS task, which it would not if the
 * refused request had bound it (already-bound). One fresh server per rule, returned restored.
 */
export async function runChangesNothingProbes(ctx: EngineContext, pool: ServerPool): Promise<void> {
  const hw = ctx.target.huaweicloud!;
  // The probe binds a fresh server: not where mutations are forbidden.
  if (!ctx.mutationsAllowed) return;
  const probes: [ProbedRule, AuthVariant[]][] = [['kps.auth.required', ['none']]];
  if (hw.credentials.kind === 'aksk') probes.push(['kps.auth.bad-signature', ['wrong-secret', 'tamper-body']]);
  // Each probe holds its own server and waits out its own lag: they run side by side.
  await inParallel(
    probes.map(
      ([rule, variants]) =>
        () =>
          probe(ctx, pool, rule, variants),
    ),
    ctx.parallel ? probes.length : 1,
  );
}

async function probe(ctx: EngineContext, pool: ServerPool, rule: ProbedRule, variants: AuthVariant[]): Promise<void> {
  const hw = ctx.target.huaweicloud!;
  const [server] = await pool.acquire(1, { probe: rule });
  if (!server) return;
  try {
    const body = { keypair_name: hw.fixtures.keypairs[0], server: { id: server } };
    const refused: Exchange[] = [];
    for (const auth of variants) {
      const { exchange } = await executeCase(ctx, {
        id: `kps.associate/changes-nothing/${auth}`,
        title: `a bind with auth "${auth}" is refused and binds nothing`,
        source: 'auth',
        operation: 'kps.associate',
        request: { body, auth },
        expect: { kind: 'any', refused: true, rules: [] },
      });
      refused.push(exchange);
    }
    // A bind takes effect when its task ends: wait until any task the refusal started would have ended.
    await sleep(ctx.effectLagMs());
    const c: Case = {
      id: 'kps.batch-associate/changes-nothing/probe',
      title: 'a server a refused bind named still takes a fresh bind',
      source: 'model',
      operation: 'kps.batch-associate',
      request: { body: { batch_keypairs: [body] } },
      // No prediction for the generic checks: whether the server is fresh is what this case finds out.
      expect: { kind: 'any', probes: true, rules: [rule], servers: ['unpredictable'] },
    };
    const { exchange } = await executeCase(ctx, c);
    // Judged only after refusals that were sent and refused (one accepted is the auth check's finding).
    if (!refused.every((x) => (x.response?.status ?? 0) >= 400) || !exchange.response) return;
    const task = isSuccess(exchange.response) ? bodyObject<Kps['schemas']['BatchAssociateKeypairResponseBody']>(exchange.response)?.tasks?.[0] : undefined;
    if (task?.status === 'SUCCESS') return ctx.tally.judged(rule, 'held');
    pool.suspect(server);
    const failure = new ContractFailure(
      rule,
      'A refused request changed the server',
      `after ${refused.map((x) => x.response?.status ?? 'no answer').join(', ')} to ${variants.join(', ')}, a batch of server ${server} got ${exchange.response.status} ${exchange.response.text.slice(0, 200)}`,
      'a refused request changes nothing: the server still takes a fresh bind (a SUCCESS task)',
    );
    ctx.tally.failed(failure, c, exchange, { seed: ctx.settings.seed, shrunk: false });
  } finally {
    pool.release(server);
  }
}
