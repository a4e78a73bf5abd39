import type { RuleVerdict } from '../verdicts/rule-verdict.ts';

/** A failure as the report shows it: evidence, the documents' words, and how to reproduce it. */
export interface ReportedFailure {
  readonly id: string;
  readonly title: string;
  readonly received: string;
  readonly documented: string;
  /** The rule as the documents state it, and where. */
  readonly documents: { readonly statement: string; readonly source: string };
  /** The case, with its request as the suite built it (secrets removed), so `replay` can send it again. */
  readonly case: {
    readonly id: string;
    readonly title: string;
    readonly source: string;
    readonly operation: string;
    readonly request: unknown;
    readonly expect: unknown;
    readonly clientPlan?: unknown;
  };
  readonly request: { readonly method: string; readonly url: string; readonly headers: Readonly<Record<string, string>>; readonly body?: string };
  readonly response?: { readonly status: number; readonly headers: Readonly<Record<string, string>>; readonly body: string };
  readonly error?: string;
  /** A client under test: what it handed back, and every request it sent for the call (retries included). */
  readonly client?: {
    readonly outcome: unknown;
    readonly attempts: readonly {
      readonly method: string;
      readonly url: string;
      readonly headers: Readonly<Record<string, string>>;
      readonly body?: string;
      readonly status?: number;
      readonly fault?: string;
      readonly error?: string;
    }[];
  };
  readonly seed: number;
  readonly path?: string;
  readonly shrunk: boolean;
  readonly replay: string;
}

/** One entry of conformance.json's results: a rule's verdict, failures in report form. */
export type ReportedVerdict = Omit<RuleVerdict, 'failures'> & { readonly failures: readonly ReportedFailure[] };

/**
 * A run's conclusion. A failed rule is a verdict even when part of the run could not run (1); with no
 * failure, a cloud that never answered or an interrupted run leaves no verdict (3).
 */
export type RunOutcome = 'conforms' | 'does-not-conform' | 'could-not-run' | 'interrupted';

/** One reason a run reached no verdict on part of the target. */
export interface CouldNotRun {
  /** The cloud that could not be checked; absent for the whole run (interrupted). */
  readonly cloud?: string;
  readonly reason: string;
}

/** conformance.json (docs/DESIGN.md): one entry per rule id. */
export interface ConformanceReport {
  readonly tool: 'keypair-conformance';
  readonly target: { readonly name: string; readonly file: string; readonly endpoints: Readonly<Record<string, string>> };
  readonly seed: number;
  readonly runs: number;
  readonly strict: boolean;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly requests: number;
  /** Present when only part of the rules ran (--only, --shard): the rest are not in `results`. */
  readonly partial?: string;
  readonly summary: {
    readonly pass: number;
    readonly fail: number;
    readonly skipped: number;
    readonly failedMust: number;
    readonly failedShould: number;
    readonly failedConflict: number;
  };
  /** What the run concluded: a verdict, or why none could be reached (docs/DESIGN.md, exit codes). */
  readonly outcome: RunOutcome;
  /** 0 conforms, 1 does not conform, 3 no verdict (a cloud never answered, or the run was interrupted). */
  readonly exitCode: 0 | 1 | 3;
  /** Why no verdict could be reached, one entry per cause: a cloud that never answered, an interrupted run. */
  readonly couldNotRun?: readonly CouldNotRun[];
  /** What the run changed and put back (or could not): empty for the embedded mock. */
  readonly restore: readonly { readonly resource: string; readonly restored: boolean; readonly detail: string }[];
  readonly results: readonly ReportedVerdict[];
}
