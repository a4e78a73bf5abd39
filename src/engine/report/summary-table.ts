import type { ConformanceReport, ReportedVerdict } from './report-types.ts';

const ORDER = { fail: 0, skipped: 1, pass: 2 } as const;
const LEVEL_ORDER = { must: 0, conflict: 1, should: 2 } as const;

/** The end-of-run table for a terminal: failures first (must before should), then skips, then passes. */
export function summaryTable(report: ConformanceReport): string {
  // Rules another part of the run decides (--only, --shard) are one line, not a screen of skips.
  const elsewhere = report.partial
    ? report.results.filter((r) => r.status === 'skipped' && r.casesRun === 0 && r.reason?.startsWith('not run in this part'))
    : [];
  const rows = report.results
    .filter((r) => !elsewhere.includes(r))
    .sort((a, b) => ORDER[a.status] - ORDER[b.status] || LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level]);
  const width = Math.max(...rows.map((r) => r.rule.length), 4);
  const line = (r: ReportedVerdict) => {
    const status = r.status === 'fail' && r.level === 'should' && !report.strict ? 'WARN' : r.status.toUpperCase();
    const note =
      r.status === 'fail'
        ? (r.failures[0]?.title ?? '')
        : r.status === 'skipped'
          ? (r.reason ?? '')
          : r.variants
            ? `showed ${Object.keys(r.variants).join(', ')}`
            : '';
    return `${status.padEnd(7)} ${r.level.padEnd(8)} ${r.rule.padEnd(width)} ${String(r.casesRun).padStart(6)}  ${note}`;
  };
  const s = report.summary;
  return [
    `${'STATUS'.padEnd(7)} ${'LEVEL'.padEnd(8)} ${'RULE'.padEnd(width)} ${'CASES'.padStart(6)}  NOTE`,
    ...rows.map(line),
    ...(elsewhere.length > 0 ? [`${elsewhere.length} more rules are not run in this part of the run (${report.partial}).`] : []),
    '',
    ...(report.outcome === 'could-not-run' || report.outcome === 'interrupted'
      ? [
          `${report.outcome === 'interrupted' ? 'INTERRUPTED' : 'COULD NOT RUN'}: no verdict. ${(report.couldNotRun ?? []).map((c) => `${c.cloud ? `${c.cloud}: ` : ''}${c.reason}`).join(' · ')}`,
        ]
      : []),
    `${s.pass} passed, ${s.fail} failed, ${s.skipped} skipped (${s.failedMust} must, ${s.failedConflict} conflict, ${s.failedShould} should failed) · ${report.requests} requests · seed ${report.seed} · ${(report.durationMs / 1000).toFixed(1)} s`,
  ].join('\n');
}
