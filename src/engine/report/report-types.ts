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
  readonly case: { readonly id: string; readonly title: string; readonly source: string; readonly operation: string; readonly request: unknown; readonly expect: unknown; readonly clientPlan?: unknown };
  readonly request: { readonly method: string; readonly url: string; readonly headers: Readonly<Record<string, string>>; readonly body?: string };
  readonly response?: { readonly status: number; readonly headers: Readonly<Record<string, string>>; readonly body: string };
  readonly error?: string;
  /** A client under test: what it handed back, and every request it sent for the call (retries included). */
  readonly client?: {
    readonly outcome: unknown;
    readonly attempts: readonly { readonly method: string; readonly url: string; readonly headers: Readonly<Record<string, string>>; readonly body?: string; readonly status?: number; readonly fault?: string; readonly error?: string }[];
  };
  readonly seed: number;
  readonly path?: string;
  readonly shrunk: boolean;
  readonly replay: string;
}

/** One entry of conformance.json's results: a rule's verdict, failures in report form. */
export type ReportedVerdict = Omit<RuleVerdict, 'failures'> & { readonly failures: readonly ReportedFailure[] };

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
  readonly summary: { readonly pass: number; readonly fail: number; readonly skipped: number; readonly failedMust: number; readonly failedShould: number; readonly failedConflict: number };
  readonly exitCode: 0 | 1;
  /** What the run changed and put back (or could not): empty for the embedded mock. */
  readonly restore: readonly { readonly resource: string; readonly restored: boolean; readonly detail: string }[];
  readonly results: readonly ReportedVerdict[];
}
