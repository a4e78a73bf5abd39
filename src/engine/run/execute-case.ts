import type { Case } from '../cases/case.ts';
import { failuresOf, type RuleOutcome } from '../checks/check.ts';
import type { ContractFailure } from '../checks/contract-failure.ts';
import { judgeExchange } from '../checks/registry.ts';
import { buildRequest } from '../transport/build-request.ts';
import { BudgetExhausted } from '../transport/budget-exhausted.ts';
import type { Exchange } from '../transport/exchange.ts';
import type { CaseOrigin } from '../verdicts/rule-tally.ts';
import type { EngineContext } from './engine-context.ts';
import { judgeClientCall } from './sdk/client-checks.ts';
import { clientOutcomes } from './sdk/record-client-judgements.ts';

/** A case sent and judged: the exchange, what every rule concluded of it, and the failures among them. */
export interface ExecutedCase {
  readonly exchange: Exchange;
  readonly outcomes: readonly RuleOutcome[];
  readonly failures: ContractFailure[];
}

/**
 * Sends one case and judges the exchange once; records the outcomes unless `record` is false (a property
 * records them itself, with its own origin: `ctx.tally.record`).
 */
export async function executeCase(ctx: EngineContext, c: Case, record: CaseOrigin | false = { seed: ctx.settings.seed, shrunk: false }): Promise<ExecutedCase> {
  const target = ctx.target;
  // Built at each attempt, so a retried request is signed again with a fresh date.
  const build = () => buildRequest(target, c);
  const viaSdk = ctx.sdk && !['kps.task', 'kps.disassociate'].includes(c.operation);
  if (!ctx.mutationsAllowed && !isDocumentedRefusal(c)) return notSent(ctx, c, '(not sent: safety.allowMutations is false)');
  // An SDK cannot send this case (unsigned, a raw body, another Version): nothing to judge.
  if (viaSdk && !ctx.sdk!.canSend(c)) return notSent(ctx, c, '(not sent through the SDK)');
  const idempotent = typeof c.request.logical?.ClientToken === 'string' && c.request.logical.ClientToken !== '';
  ctx.throwIfAborted();
  let exchange: Exchange;
  try {
    exchange = viaSdk ? await ctx.sdk!.send(c) : await ctx.transport.send(build, idempotent);
  } catch (error) {
    // A spent budget, a target that stopped answering, an interrupt: every lane of a parallel plan stops.
    if (error instanceof BudgetExhausted) ctx.abort(error);
    throw error;
  }
  ctx.exchanged(c, exchange);
  if (ctx.dryRun) return { exchange, outcomes: [], failures: [] };
  const outcomes = judge(ctx, c, exchange, record);
  return { exchange, outcomes, failures: failuresOf(outcomes) };
}

/** Whether the documents say a case is refused whatever the target's state; task lookups only read. */
function isDocumentedRefusal(c: Case): boolean {
  return c.expect.kind === 'reject' || c.expect.refused === true || c.operation === 'kps.task';
}

/** A case that is not sent: listeners still hear of it (a lease is returned), nothing is judged. */
function notSent(ctx: EngineContext, c: Case, why: string): ExecutedCase {
  const exchange: Exchange = { request: { method: '-', url: why, headers: {} }, error: 'not sent', throttled: [], ms: 0, notSent: true };
  ctx.exchanged(c, exchange);
  return { exchange, outcomes: [], failures: [] };
}

/**
 * Judges an exchange once: the client rules when a client under test made it (what it sent, retried,
 * printed, handed back), then every check of its operation (judgeExchange). Records the outcomes unless
 * `record` is false.
 */
export function judge(ctx: EngineContext, c: Case, exchange: Exchange, record: CaseOrigin | false): RuleOutcome[] {
  if (exchange.notSent) return [];
  const outcomes = [
    ...(exchange.client ? clientOutcomes(judgeClientCall(c, exchange.client, ctx.target)) : []),
    ...judgeExchange(c, exchange, ctx.checkContext),
  ];
  if (record) ctx.tally.record(outcomes, c, exchange, record);
  return outcomes;
}
