import type { RuleId } from '../../rules/rules.ts';
import type { Case } from '../cases/case.ts';
import type { CheckContext } from '../checks/check.ts';
import { judgeExchange } from '../checks/registry.ts';
import type { Exchange } from '../transport/exchange.ts';

/** What a rule's check concluded of one answer: held, a documented variant, or failed. */
export type RuleJudgement = 'held' | `variant ${string}` | 'fail';

/** Every check's conclusion on one exchange, leaving out the checks that do not apply to it. */
export function judgementsOf(c: Case, x: Exchange, ctx: CheckContext): Map<RuleId, RuleJudgement> {
  const out = new Map<RuleId, RuleJudgement>();
  for (const o of judgeExchange(c, x, ctx)) out.set(o.rule, 'failure' in o ? 'fail' : o.judgement === 'held' ? 'held' : `variant ${o.judgement.variant}`);
  return out;
}
