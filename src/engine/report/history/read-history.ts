import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ConformanceReport, RunOutcome } from '../report-types.ts';
import { HistoryInputError } from './history-input-error.ts';

/** One run of the history: its report, where it was read from, and its outcome (derived for old reports). */
export interface Night {
  readonly source: string;
  readonly report: ConformanceReport;
  readonly outcome: RunOutcome;
}

const OUTCOMES: readonly RunOutcome[] = ['conforms', 'does-not-conform', 'could-not-run', 'interrupted'];
const FIX = 'Name report dirs written by npx conformance run, or their conformance.json files.';

/**
 * Reads each report dir (its conformance.json) or conformance.json file, oldest run first by
 * `startedAt`: nights are often given by a shell glob whose order says nothing about time.
 */
export function readHistory(paths: readonly string[]): Night[] {
  const nights = paths.map(readNight);
  // Array.prototype.sort is stable: runs started at the same instant keep the order they were given in.
  return nights.sort((a, b) => Date.parse(a.report.startedAt) - Date.parse(b.report.startedAt));
}

function readNight(path: string): Night {
  if (!existsSync(path)) throw new HistoryInputError(`${path} does not exist. ${FIX}`);
  let file = path;
  if (statSync(path).isDirectory()) {
    file = join(path, 'conformance.json');
    if (!existsSync(file)) throw new HistoryInputError(`${path} holds no conformance.json. Name report dirs written by npx conformance run.`);
  }
  const report = parse(file);
  return { source: path, report, outcome: outcomeOf(report, file) };
}

function parse(file: string): ConformanceReport {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code ?? 'not JSON';
    throw new HistoryInputError(`${file} is not a conformance.json (${why}). ${FIX}`);
  }
  const report = value as Partial<ConformanceReport> | null;
  if (typeof report !== 'object' || report === null || report.tool !== 'keypair-conformance') {
    throw new HistoryInputError(`${file} is not a conformance.json (its "tool" is not "keypair-conformance"). ${FIX}`);
  }
  if (!Array.isArray(report.results)) throw new HistoryInputError(`${file} is not a conformance.json (no "results" list). ${FIX}`);
  if (typeof report.startedAt !== 'string' || Number.isNaN(Date.parse(report.startedAt))) {
    throw new HistoryInputError(`${file} has no valid "startedAt", so its night cannot be placed. ${FIX}`);
  }
  return report as ConformanceReport;
}

/** Reports written before `outcome` existed say only their exit code: 0 conforms, 1 does not. */
function outcomeOf(report: ConformanceReport, file: string): RunOutcome {
  const stated: unknown = report.outcome;
  if (OUTCOMES.includes(stated as RunOutcome)) return stated as RunOutcome;
  const exitCode: unknown = report.exitCode;
  if (exitCode === 0) return 'conforms';
  if (exitCode === 1) return 'does-not-conform';
  if (exitCode === 3) return 'could-not-run';
  throw new HistoryInputError(`${file} has neither an "outcome" nor an exit code of 0, 1 or 3. ${FIX}`);
}
