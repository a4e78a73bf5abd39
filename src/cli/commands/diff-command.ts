import { readFileSync } from 'node:fs';
import { diffReports } from '../../engine/report/diff-reports.ts';
import type { ConformanceReport } from '../../engine/report/report-types.ts';
import { UsageError } from '../usage-error.ts';

export const DIFF_USAGE = `Usage: npx conformance diff <old conformance.json> <new conformance.json>

Prints what changed between two runs: rules that started or stopped failing, became or stopped being
skipped, and conflict rules whose observed variant changed. Exit 0 when nothing changed, 1 when
something did: a nightly job alerts on change, not on noise.`;

/** `npx conformance diff old.json new.json`. */
export function diffCommand(argv: string[]): number {
  if (argv.length !== 2) throw new UsageError('conformance diff: give two conformance.json files, the older first.');
  const [before, after] = argv.map(read) as [ConformanceReport, ConformanceReport];
  const changes = diffReports(before, after);
  console.log(`${argv[0]} (${before.startedAt}, ${before.target.name}) → ${argv[1]} (${after.startedAt}, ${after.target.name})`);
  if (changes.length === 0) {
    console.log('No change: the same rules pass, fail and skip, with the same variants.');
    return 0;
  }
  const width = Math.max(...changes.map((c) => c.rule.length));
  for (const c of changes) console.log(`${c.kind.padEnd(18)} ${c.level.padEnd(8)} ${c.rule.padEnd(width)}  ${c.detail}`);
  console.log(`${changes.length} change${changes.length === 1 ? '' : 's'}.`);
  return 1;
}

function read(path: string): ConformanceReport {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new UsageError(`conformance diff: ${path} cannot be read. Give the path of a conformance.json.`);
  }
  try {
    const report = JSON.parse(text) as ConformanceReport;
    if (!Array.isArray(report.results)) throw new Error('no results');
    return report;
  } catch {
    throw new UsageError(`conformance diff: ${path} is not a conformance.json (no "results" list).`);
  }
}
