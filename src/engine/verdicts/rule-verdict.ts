import type { RuleLevel } from '../../rules/rule.ts';
import type { Case } from '../cases/case.ts';
import type { Exchange } from '../transport/exchange.ts';

/** One failure of a rule, with what it takes to understand and reproduce it. */
export interface FailureRecord {
  /** Stable within a report: `<rule>#<n>`; `npx conformance replay <id>` re-sends it. */
  readonly id: string;
  readonly title: string;
  readonly received: string;
  readonly documented: string;
  readonly case: Case;
  readonly exchange: Exchange;
  /** fast-check seed and path of a generated case, after shrinking. */
  readonly seed: number;
  readonly path?: string;
  readonly shrunk: boolean;
}

/** What a run decided for one rule (docs/DESIGN.md: one entry per rule id). */
export interface RuleVerdict {
  readonly rule: string;
  readonly level: RuleLevel;
  readonly operation: string;
  readonly statement: string;
  readonly source: string;
  readonly status: 'pass' | 'fail' | 'skipped';
  /** Exchanges the rule's check applied to. */
  readonly casesRun: number;
  /** For a skipped rule: why. */
  readonly reason?: string;
  /** For conflict rules (and variant-bearing ones): which documented variants the target showed, how often. */
  readonly variants?: Readonly<Record<string, number>>;
  readonly failures: readonly FailureRecord[];
}
