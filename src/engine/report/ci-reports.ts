import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { jobSummaryMarkdown } from './job-summary-markdown.ts';
import type { ConformanceReport } from './report-types.ts';
import { sarifLog } from './sarif.ts';

/**
 * The reports for CI that `--reporter` adds to the ones every run writes (conformance.json, summary.html,
 * junit.xml, html/): `github` writes the job summary (to $GITHUB_STEP_SUMMARY inside GitHub Actions) and
 * an annotation per failing rule; `sarif` writes conformance.sarif for code-scanning tools.
 */
export const REPORTER_NAMES = ['github', 'sarif'] as const;
export type ReporterName = (typeof REPORTER_NAMES)[number];

/** Writes the chosen CI reports; returns the files written, for the list the terminal prints. */
export function writeCiReports(reportDir: string, report: ConformanceReport, names: readonly ReporterName[], env: NodeJS.ProcessEnv = process.env): string[] {
  const written: string[] = [];
  if (names.includes('github')) {
    const markdown = jobSummaryMarkdown(report);
    const summaryFile = join(reportDir, 'job-summary.md');
    writeFileSync(summaryFile, markdown);
    written.push(summaryFile);
    if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, `${markdown}\n`);
    for (const line of annotations(report)) process.stdout.write(`${line}\n`);
  }
  if (names.includes('sarif')) {
    const sarifFile = join(reportDir, 'conformance.sarif');
    writeFileSync(sarifFile, `${JSON.stringify(sarifLog(report), null, 2)}\n`);
    written.push(sarifFile);
  }
  return written;
}

/** GitHub workflow commands: one error (or warning, for a should rule off --strict) per failing rule. */
function annotations(report: ConformanceReport): string[] {
  const escape = (text: string) => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const lines = report.results
    .filter((r) => r.status === 'fail')
    .map((r) => {
      const kind = r.level === 'should' && !report.strict ? 'warning' : 'error';
      const first = r.failures[0];
      return `::${kind} title=${escape(`${r.level} rule ${r.rule}`).replace(/[,:]/g, ' ')}::${escape(first ? `${first.title}. Received: ${first.received.slice(0, 300)}. Reproduce with: ${first.replay}` : (r.reason ?? 'failed'))}`;
    });
  for (const c of report.couldNotRun ?? []) lines.push(`::error title=could not run${c.cloud ? ` ${c.cloud}` : ''}::${escape(c.reason)}`);
  return lines;
}
