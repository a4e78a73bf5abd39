// What the first screen of every report shows (summary.html's top, the job summary): what broke, what
// was not decided and why, and what was left changed. One reading of the report for all of them, so the
// page and the job summary never disagree.
import type { ConformanceReport, ReportedVerdict, RunOutcome } from '../report-types.ts';

/** The verdict badge's words. */
export const OUTCOME_WORDS: Readonly<Record<RunOutcome, string>> = {
  conforms: 'Conforms',
  'does-not-conform': 'Does not conform',
  'could-not-run': 'Could not run',
  interrupted: 'Interrupted',
};

/** A failed should rule without --strict is a warning, not a failure: it does not change the exit code. */
export const isWarning = (r: ReportedVerdict, strict: boolean): boolean => r.status === 'fail' && r.level === 'should' && !strict;

/** A rule's status as the reports print it: pass, fail, warning or skipped. */
export const statusLabel = (r: ReportedVerdict, strict: boolean): string => (isWarning(r, strict) ? 'warning' : r.status);

const LEVEL_ORDER = { must: 0, conflict: 1, should: 2 } as const;

/** The failing rules, those that decide the verdict first (must, conflict, then should), else in catalogue order. */
export function failingRules(report: ConformanceReport): ReportedVerdict[] {
  return report.results.filter((r) => r.status === 'fail').sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level]);
}

export interface UndecidedGroup {
  readonly reason: string;
  readonly rules: readonly string[];
}

/** Skipped rules grouped by identical reason, largest group first: 30 rules skipped for one cause are one line. */
export function undecidedByReason(report: ConformanceReport): UndecidedGroup[] {
  const groups = new Map<string, string[]>();
  for (const r of report.results) {
    if (r.status !== 'skipped') continue;
    const reason = r.reason ?? 'no reason given';
    groups.set(reason, [...(groups.get(reason) ?? []), r.rule]);
  }
  return [...groups].map(([reason, rules]) => ({ reason, rules })).sort((a, b) => b.rules.length - a.rules.length);
}

/** The fixtures the run changed and could not put back: someone has to, by hand. */
export const notRestored = (report: ConformanceReport): ConformanceReport['restore'] => report.restore.filter((r) => !r.restored);

/** Who a could-not-run entry is about: a cloud, or the whole run (an interruption). */
export const couldNotRunSubject = (c: { readonly cloud?: string }): string => c.cloud ?? 'the whole run';

/** The first `max` items, and how many were left out (for lists a reader skims, not reads). */
export function capped<T>(items: readonly T[], max: number): { shown: readonly T[]; leftOut: number } {
  return { shown: items.slice(0, max), leftOut: Math.max(0, items.length - max) };
}
