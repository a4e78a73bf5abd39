import type { Case } from '../../cases/case.ts';
import { failuresOf, type RuleOutcome } from '../../checks/check.ts';
import { ContractFailure } from '../../checks/contract-failure.ts';
import type { Exchange } from '../../transport/exchange.ts';
import type { EngineContext } from '../engine-context.ts';
import type { CaseOrigin } from '../../verdicts/rule-tally.ts';
import { judgeClientCall, type ClientJudgement } from './client-checks.ts';

/** Client judgements as rule outcomes, as the checks give theirs. */
export function clientOutcomes(judgements: readonly ClientJudgement[]): RuleOutcome[] {
  return judgements.map((j) =>
    j.failure
      ? { rule: j.rule, failure: new ContractFailure(j.rule, j.failure.title, j.failure.received, j.failure.documented) }
      : { rule: j.rule, judgement: j.variant ? { variant: j.variant } : 'held' },
  );
}

/** Tallies client judgements (unless `record` is false) and returns the failures among them. */
export function tallyClientJudgements(
  ctx: EngineContext,
  c: Case,
  exchange: Exchange,
  judgements: readonly ClientJudgement[],
  record: CaseOrigin | false,
): ContractFailure[] {
  const outcomes = clientOutcomes(judgements);
  if (record) ctx.tally.record(outcomes, c, exchange, record);
  return failuresOf(outcomes);
}

/** Judges the client rules on an exchange a client under test made. */
export function recordClientJudgements(ctx: EngineContext, c: Case, exchange: Exchange, record: CaseOrigin | false): ContractFailure[] {
  return exchange.client ? tallyClientJudgements(ctx, c, exchange, judgeClientCall(c, exchange.client, ctx.target), record) : [];
}
