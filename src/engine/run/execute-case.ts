import type { Case } from '../cases/case.ts';
import { CHECKS } from '../checks/registry.ts';
import { ContractFailure } from '../checks/contract-failure.ts';
import { buildRequest } from '../transport/build-request.ts';
import type { Exchange } from '../transport/exchange.ts';
import type { EngineContext } from './engine-context.ts';
import type { CaseOrigin } from '../verdicts/rule-tally.ts';
import { recordClientJudgements } from './sdk/record-client-judgements.ts';

/** Sends one case, judges the exchange with every check, and returns what failed. */
export async function executeCase(ctx: EngineContext, c: Case, record: CaseOrigin | false = { seed: ctx.settings.seed, shrunk: false }): Promise<{ exchange: Exchange; failures: ContractFailure[] }> {
  const target = ctx.target;
  // Built at each attempt, so a retried request is signed again with a fresh date.
  const build = () => buildRequest(target, c);
  const viaSdk = ctx.sdk && !['kps.task', 'kps.disassociate'].includes(c.operation);
  if (!ctx.mutationsAllowed && !isDocumentedRefusal(c)) return notSent(ctx, c, '(not sent: safety.allowMutations is false)');
  // An SDK cannot send this case (unsigned, a raw body, another Version): nothing to judge.
  if (viaSdk && !ctx.sdk!.canSend(c)) return notSent(ctx, c, '(not sent through the SDK)');
  const idempotent = typeof c.request.logical?.ClientToken === 'string' && c.request.logical.ClientToken !== '';
  const exchange = viaSdk ? await ctx.sdk!.send(c) : await ctx.transport.send(build, idempotent);
  ctx.exchanged(c, exchange);
  return { exchange, failures: ctx.dryRun ? [] : judge(ctx, c, exchange, record) };
}

/** Whether the documents say a case is refused whatever the target's state; task lookups only read. */
function isDocumentedRefusal(c: Case): boolean {
  return c.expect.kind === 'reject' || c.expect.refused === true || c.operation === 'kps.task';
}

/** A case that is not sent: listeners still hear of it (a lease is returned), nothing is judged. */
function notSent(ctx: EngineContext, c: Case, why: string): { exchange: Exchange; failures: ContractFailure[] } {
  const exchange: Exchange = { request: { method: '-', url: why, headers: {} }, error: 'not sent', throttled: [], ms: 0, notSent: true };
  ctx.exchanged(c, exchange);
  return { exchange, failures: [] };
}

/** Runs every check on an exchange; records the outcome unless `record` is false (property shrinking). */
export function judge(ctx: EngineContext, c: Case, exchange: Exchange, record: CaseOrigin | false): ContractFailure[] {
  const failures: ContractFailure[] = [];
  if (exchange.notSent) return failures;
  // A client under test is judged by the client rules too: what it sent, retried, printed, handed back.
  if (exchange.client) failures.push(...recordClientJudgements(ctx, c, exchange, record));
  for (const check of CHECKS) {
    try {
      const judgement = check.judge(c, exchange, ctx.checkContext);
      if (record) ctx.tally.judged(check.rule, judgement);
    } catch (error) {
      if (!(error instanceof ContractFailure)) throw error;
      failures.push(error);
      if (record) ctx.tally.failed(error, c, exchange, record);
    }
  }
  return failures;
}
