import type { RuleId } from '../../rules/rules.ts';
import type { Case } from '../cases/case.ts';
import type { CheckContext } from '../checks/check.ts';
import { ContractFailure } from '../checks/contract-failure.ts';
import { CHECKS } from '../checks/registry.ts';
import type { Exchange } from '../transport/exchange.ts';

/** What a rule's check concluded of one answer: held, a documented variant, or failed. */
export type RuleJudgement = 'held' | `variant ${string}` | 'fail';

/** Every check's conclusion on one exchange, leaving out the checks that do not apply to it. */
export function judgementsOf(c: Case, x: Exchange, ctx: CheckContext): Map<RuleId, RuleJudgement> {
  const out = new Map<RuleId, RuleJudgement>();
  for (const check of CHECKS) {
    try {
      const j = check.judge(c, x, ctx);
      if (j !== 'not-applicable') out.set(check.rule, j === 'held' ? 'held' : `variant ${j.variant}`);
    } catch (error) {
      if (!(error instanceof ContractFailure)) throw error;
      out.set(error.rule, 'fail');
    }
  }
  return out;
}
