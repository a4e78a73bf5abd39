import { RULES, type RuleId } from '../../rules/rules.ts';
import type { Case } from '../cases/case.ts';
import type { ContractFailure } from '../checks/contract-failure.ts';
import type { Judgement, RuleOutcome } from '../checks/check.ts';
import type { Exchange } from '../transport/exchange.ts';
import type { FailureRecord, RuleVerdict } from './rule-verdict.ts';

/** Where a case came from, for the report: fast-check's seed and path once shrunk. */
export interface CaseOrigin {
  readonly seed: number;
  readonly path?: string;
  readonly shrunk: boolean;
}

/** Failures kept per rule: the first and the shrunk ones tell the story; more is noise. */
const MAX_FAILURES_PER_RULE = 3;

interface Entry {
  observations: number;
  variants: Map<string, number>;
  failures: FailureRecord[];
  /** Failures whose request got no answer, counted even past MAX_FAILURES_PER_RULE (withdrawUnanswered). */
  unanswered: number;
  skipReason?: string;
}

/**
 * Collects, rule by rule, what the checks concluded over a run, and turns it into verdicts: fail when
 * any check failed, pass when some check applied and none failed, skipped (with the reason) otherwise.
 */
export class RuleTally {
  private readonly entries = new Map<RuleId, Entry>();

  private entry(rule: RuleId): Entry {
    let e = this.entries.get(rule);
    if (!e) {
      e = { observations: 0, variants: new Map(), failures: [], unanswered: 0 };
      this.entries.set(rule, e);
    }
    return e;
  }

  judged(rule: RuleId, judgement: Judgement): void {
    if (judgement === 'not-applicable') return;
    const e = this.entry(rule);
    e.observations++;
    if (typeof judgement === 'object') e.variants.set(judgement.variant, (e.variants.get(judgement.variant) ?? 0) + 1);
  }

  failed(failure: ContractFailure, c: Case, x: Exchange, origin: CaseOrigin): void {
    const e = this.entry(failure.rule);
    e.observations++;
    if (!x.response) e.unanswered++;
    if (e.failures.length >= MAX_FAILURES_PER_RULE) return;
    const id = `${failure.rule}#${e.failures.length + 1}`;
    e.failures.push({ id, title: failure.title, received: failure.received, documented: failure.documented, case: c, exchange: x, ...origin });
  }

  /** Tallies what every rule concluded of one exchange (the checks' outcomes, judged once). */
  record(outcomes: readonly RuleOutcome[], c: Case, x: Exchange, origin: CaseOrigin): void {
    for (const o of outcomes) {
      if ('failure' in o) this.failed(o.failure, c, x, origin);
      else this.judged(o.rule, o.judgement);
    }
  }

  /** Marks a rule as not decidable in this run, unless a check decided it anyway. */
  skip(rule: RuleId, reason: string): void {
    this.entry(rule).skipReason ??= reason;
  }

  /**
   * Forgets the failures of server rules whose only evidence is a request that got no answer: when the
   * target never answered, or stopped answering, they say the run could not run, not that it broke a rule.
   */
  withdrawUnanswered(): void {
    for (const [rule, e] of this.entries) {
      if (rule.startsWith('client.')) continue;
      e.failures = e.failures.filter((f) => f.exchange.response !== undefined);
      e.observations -= e.unanswered;
      e.unanswered = 0;
    }
  }

  /** Verdicts for `rules` (default: every rule), in the catalogue's order. */
  verdicts(rules: readonly RuleId[] = RULES.map((r) => r.id), noObservationReason: (rule: RuleId) => string = () => 'no case exercised it'): RuleVerdict[] {
    return RULES.filter((r) => rules.includes(r.id)).map((rule) => {
      const e = this.entries.get(rule.id);
      const failures = e?.failures ?? [];
      const observations = e?.observations ?? 0;
      const status = failures.length > 0 ? 'fail' : observations > 0 ? 'pass' : 'skipped';
      return {
        rule: rule.id,
        level: rule.level,
        operation: rule.operation,
        statement: rule.statement,
        source: rule.source,
        status,
        casesRun: observations,
        ...(status === 'skipped' ? { reason: e?.skipReason ?? noObservationReason(rule.id) } : {}),
        ...(e && e.variants.size > 0 ? { variants: Object.fromEntries(e.variants) } : {}),
        failures,
      };
    });
  }
}
