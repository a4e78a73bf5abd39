import type { ReportedVerdict, RunOutcome } from '../report-types.ts';
import { OPERATION_HEADINGS } from '../html-page.ts';
import type { Night } from './read-history.ts';

/** A rule's status on one night; `warning` is a should failure of a run without --strict, as summary.html says it. */
export type CellStatus = 'pass' | 'fail' | 'warning' | 'skipped' | 'absent';

export interface HistoryCell {
  readonly status: CellStatus;
  /** Why: the skip reason, the first failure's title, or why the rule is not in the report. */
  readonly detail: string;
}

export interface HistoryColumn {
  readonly source: string;
  readonly startedAt: string;
  readonly seed: number;
  readonly outcome: RunOutcome;
  readonly target: string;
  /** Why the run reached no verdict on part of the target (could-not-run, interrupted). */
  readonly couldNotRun: readonly string[];
}

export interface HistoryRow {
  readonly rule: string;
  readonly level: string;
  /** One cell per column, in column order. */
  readonly cells: readonly HistoryCell[];
}

export interface HistoryGroup {
  readonly operation: string;
  readonly rows: readonly HistoryRow[];
}

export interface DriftChange {
  readonly rule: string;
  readonly from: CellStatus;
  readonly to: CellStatus;
}

/** What changed from one night (column `from`) to the next (`to`). */
export interface DriftStep {
  readonly from: number;
  readonly to: number;
  readonly changes: readonly DriftChange[];
}

export interface HistoryMatrix {
  /** Oldest night first, as the nights were given. */
  readonly columns: readonly HistoryColumn[];
  /** By operation, in the summary page's order; operations it does not know come last. */
  readonly groups: readonly HistoryGroup[];
  /** One step per consecutive pair of nights, newest first: the latest change is what a reader looks for. */
  readonly drift: readonly DriftStep[];
}

/** The rule × night matrix and the drift between consecutive nights, as data. */
export function historyMatrix(nights: readonly Night[]): HistoryMatrix {
  const columns = nights.map(columnOf);
  const verdicts = nights.map((n) => new Map(n.report.results.map((r) => [r.rule, r])));
  // Newest night first: its level and order win for a rule the catalogue has changed.
  const latest = new Map<string, ReportedVerdict>();
  for (const night of [...nights].reverse()) for (const r of night.report.results) if (!latest.has(r.rule)) latest.set(r.rule, r);
  const rowOf = (v: ReportedVerdict): HistoryRow => ({
    rule: v.rule,
    level: v.level,
    cells: nights.map((night, i) => cellOf(verdicts[i]!.get(v.rule), night)),
  });
  const known = Object.keys(OPERATION_HEADINGS);
  const operations = [...known, ...new Set([...latest.values()].map((v) => v.operation).filter((op) => !known.includes(op)))];
  const groups = operations
    .map((operation) => ({ operation, rows: [...latest.values()].filter((v) => v.operation === operation).map(rowOf) }))
    .filter((g) => g.rows.length > 0);
  return { columns, groups, drift: driftOf(groups, nights.length) };
}

function columnOf(night: Night): HistoryColumn {
  const r = night.report;
  return {
    source: night.source,
    startedAt: r.startedAt,
    seed: r.seed,
    outcome: night.outcome,
    target: r.target?.name ?? '',
    couldNotRun: (r.couldNotRun ?? []).map((c) => (c.cloud ? `${c.cloud}: ${c.reason}` : c.reason)),
  };
}

function cellOf(v: ReportedVerdict | undefined, night: Night): HistoryCell {
  if (!v) return { status: 'absent', detail: night.report.partial ? `not run: partial run (${night.report.partial})` : 'not in this report' };
  if (v.status === 'skipped') return { status: 'skipped', detail: v.reason ?? 'skipped' };
  if (v.status === 'pass') return { status: 'pass', detail: `passed on ${v.casesRun} case${v.casesRun === 1 ? '' : 's'}` };
  const warn = v.level === 'should' && !night.report.strict;
  return { status: warn ? 'warning' : 'fail', detail: v.failures[0]?.title ?? 'failed' };
}

function driftOf(groups: readonly HistoryGroup[], nights: number): DriftStep[] {
  const rows = groups.flatMap((g) => g.rows);
  const steps: DriftStep[] = [];
  for (let to = nights - 1; to >= 1; to--) {
    const from = to - 1;
    const changes = rows
      .filter((row) => row.cells[from]!.status !== row.cells[to]!.status)
      .map((row) => ({ rule: row.rule, from: row.cells[from]!.status, to: row.cells[to]!.status }));
    steps.push({ from, to, changes });
  }
  return steps;
}
