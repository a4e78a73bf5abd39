import type { Case } from '../../cases/case.ts';
import { ContractFailure } from '../../checks/contract-failure.ts';
import type { Exchange } from '../../transport/exchange.ts';
import type { EngineContext } from '../engine-context.ts';
import type { CaseOrigin } from '../../verdicts/rule-tally.ts';
import { judgeClientCall, type ClientJudgement } from './client-checks.ts';

/** Tallies client judgements (unless `record` is false) and returns the failures among them. */
export function tallyClientJudgements(ctx: EngineContext, c: Case, exchange: Exchange, judgements: readonly ClientJudgement[], record: CaseOrigin | false): ContractFailure[] {
  const failures: ContractFailure[] = [];
  for (const j of judgements) {
    if (!j.failure) {
      if (record) ctx.tally.judged(j.rule, j.variant ? { variant: j.variant } : 'held');
      continue;
    }
    const f = new ContractFailure(j.rule, j.failure.title, j.failure.received, j.failure.documented);
    failures.push(f);
    if (record) ctx.tally.failed(f, c, exchange, record);
  }
  return failures;
}

/** Judges the client rules on an exchange a client under test made. */
export function recordClientJudgements(ctx: EngineContext, c: Case, exchange: Exchange, record: CaseOrigin | false): ContractFailure[] {
  return exchange.client ? tallyClientJudgements(ctx, c, exchange, judgeClientCall(c, exchange.client, ctx.target), record) : [];
}
