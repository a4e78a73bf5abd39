import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ClientChoice } from '../transport/clients/client-under-test.ts';
import type { ConformanceReport } from './report-types.ts';
import { summaryHtml } from './summary-html.ts';
import { summaryTable } from './summary-table.ts';

/** What a failure file says about where it came from, so `replay` can send it again the same way. */
export interface FailureOrigin {
  readonly targetFile: string;
  readonly embedded: boolean;
  /** A client's failure is replayed through the same client (adapter or harness). */
  readonly client?: ClientChoice;
}

/**
 * Writes a run's reports (already redacted): conformance.json, summary.html and one replayable file per
 * failure (the failures of an earlier run in the same folder go first, so `replay` never replays them).
 */
export function writeReports(reportDir: string, report: ConformanceReport, origin: FailureOrigin): void {
  rmSync(join(reportDir, 'failures'), { recursive: true, force: true });
  mkdirSync(join(reportDir, 'failures'), { recursive: true });
  writeFileSync(join(reportDir, 'conformance.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(reportDir, 'summary.html'), summaryHtml(report));
  for (const verdict of report.results) {
    for (const failure of verdict.failures) {
      const file = {
        failure,
        rule: verdict.rule,
        level: verdict.level,
        target: { file: origin.targetFile, embedded: origin.embedded },
        seed: report.seed,
        ...(origin.client ? { client: origin.client } : {}),
      };
      writeFileSync(join(reportDir, 'failures', `${failure.id.replace(/[^A-Za-z0-9.#-]/g, '_')}.json`), `${JSON.stringify(file, null, 2)}\n`);
    }
  }
}

/** The terminal's end of a run: the summary table, what was not restored, where the reports are. */
export function printReportSummary(report: ConformanceReport, reportFiles: readonly string[]): void {
  process.stdout.write(`\n${summaryTable(report)}\n`);
  const notRestored = report.restore.filter((r) => !r.restored);
  if (report.restore.length > 0) process.stdout.write(`Restored ${report.restore.length - notRestored.length} of ${report.restore.length} changed fixtures.\n`);
  for (const r of notRestored) process.stdout.write(`NOT RESTORED ${r.resource}: ${r.detail}\n`);
  process.stdout.write(`Reports: ${reportFiles.join(' · ')}\n`);
}
