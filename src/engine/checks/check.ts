import type { RuleId } from '../../rules/rules.ts';
import type { SpecValidators } from '../../spec/spec-validators.ts';
import type { Case } from '../cases/case.ts';
import type { ResolvedTarget } from '../target/resolved-target.ts';
import type { Exchange } from '../transport/exchange.ts';

/** What a check concluded of one exchange, when it did not throw a ContractFailure. */
export type Judgement = 'not-applicable' | 'held' | { readonly variant: string };

/** Everything a check may consult: compiled validators (once per run) and the target. */
export interface CheckContext {
  readonly validators: SpecValidators;
  readonly target: ResolvedTarget;
}

/**
 * A registered check: one rule, judged on one exchange at a time. It throws a ContractFailure when the
 * rule is broken, and never returns a boolean.
 */
export interface Check {
  readonly rule: RuleId;
  judge(c: Case, x: Exchange, ctx: CheckContext): Judgement;
}
