import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { ConformanceReport } from '../../engine/report/report-types.ts';
import { parseReporters } from '../_internals/parse-reporters.ts';
import { runChildEnv, type RunEnv } from '../../engine/runner/run-env.ts';
import { runPlaywright } from '../_internals/run-playwright.ts';
import { UsageError } from '../usage-error.ts';

export const MERGE_USAGE = `Usage: npx conformance merge <shard report dir>... [--report-dir DIR] [--reporter github,sarif]

Merges the reports of a run split with --shard I/N (each shard's report dir holds its conformance.json
and a blob/ folder) into one conformance.json, summary.html, junit.xml and HTML report, with the exit
code of the whole run. The seed, runs, --strict and target are the shards' own; shards of different
runs (another seed, target or --strict) are refused.`;

const CONFIG = (await import('../../package-layout.ts')).codeFile('engine/runner/merge.config.ts');

/** The run a shard belongs to, as its own report says: shards merge only when these agree. */
interface ShardRun {
  readonly dir: string;
  readonly report: ConformanceReport;
}

/** `npx conformance merge`: Playwright's merge-reports with the suite's reporters. */
export async function mergeCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv);
  for (const flag of ['seed', 'target', 'strict', 'runs'] as const) {
    if (values[flag] !== undefined) throw new UsageError(`conformance merge: --${flag} is taken from the shards' own reports. Drop --${flag}.`);
  }
  if (positionals.length === 0) throw new UsageError("conformance merge: name the shards' report dirs (each with conformance.json and a blob/ folder).");
  const shards = positionals.map(readShard);
  const run = oneRun(shards);
  const reporters = parseReporters('merge', values.reporter);
  const reportDir = resolve(values['report-dir'] ?? 'reports');
  if (existsSync(reportDir) && !statSync(reportDir).isDirectory())
    throw new UsageError(`conformance merge: --report-dir ${values['report-dir']} is a file, not a folder. Name a folder.`);
  mkdirSync(reportDir, { recursive: true });
  rmSync(join(reportDir, 'conformance.json'), { force: true });
  const blobs = mkdtempSync(join(tmpdir(), 'conformance-blobs-'));
  for (const shard of shards) for (const f of readdirSync(join(shard.dir, 'blob'))) copyFileSync(join(shard.dir, 'blob', f), join(blobs, f));
  const settings: RunEnv = {
    mergedTarget: run.target,
    seed: run.seed,
    runs: run.runs,
    strict: run.strict,
    reportDir,
    embedded: false,
    restore: false,
    caseTimeoutMs: 30_000,
    blob: false,
    reporters,
  };
  let exit;
  try {
    exit = await runPlaywright(['merge-reports', '-c', CONFIG, blobs], runChildEnv(settings));
  } finally {
    rmSync(blobs, { recursive: true, force: true });
  }
  const reportPath = join(reportDir, 'conformance.json');
  if (!existsSync(reportPath)) {
    process.stderr.write(`conformance merge: could not merge: Playwright ended (exit ${exit.code}) without writing ${reportPath}; see the output above.\n`);
    return 3;
  }
  const merged = JSON.parse(readFileSync(reportPath, 'utf8')) as ConformanceReport;
  // A shard that could not run leaves the whole run without a verdict, unless a rule failed anyway.
  const couldNotRun = shards.flatMap((s) => s.report.couldNotRun ?? []);
  if (couldNotRun.length > 0 && merged.exitCode === 0) return 3;
  return exit.interruptedBy ? 3 : merged.exitCode;
}

/** One shard's report dir: its conformance.json and blob/ folder, or one line saying what is missing. */
function readShard(dir: string): ShardRun {
  const path = resolve(dir);
  if (!existsSync(join(path, 'blob')))
    throw new UsageError(`conformance merge: ${dir} has no blob/ folder. Run each shard with --shard I/N --report-dir ${dir}.`);
  const reportPath = join(path, 'conformance.json');
  if (!existsSync(reportPath)) throw new UsageError(`conformance merge: ${dir} has no conformance.json: its shard did not finish. Run it again.`);
  try {
    const report = JSON.parse(readFileSync(reportPath, 'utf8')) as ConformanceReport;
    if (report.tool !== 'keypair-conformance') throw new Error('not a conformance report');
    return { dir: path, report };
  } catch (error) {
    throw new UsageError(`conformance merge: ${reportPath} is not a conformance report (${(error as Error).message}). Name the shards' report dirs.`);
  }
}

/** The run every shard belongs to; shards of different runs are refused, naming what differs. */
function oneRun(shards: readonly ShardRun[]): Pick<ConformanceReport, 'seed' | 'runs' | 'strict' | 'target'> {
  const first = shards[0]!.report;
  const key = (r: ConformanceReport) => ({ seed: r.seed, runs: r.runs, strict: r.strict, target: `${r.target.name} (${r.target.file})` });
  for (const shard of shards.slice(1)) {
    const a = key(first);
    const b = key(shard.report);
    const differs = (Object.keys(a) as (keyof typeof a)[]).find((k) => a[k] !== b[k]);
    if (differs)
      throw new UsageError(
        `conformance merge: ${shard.dir} is a shard of another run (${differs} ${String(b[differs])}, not ${String(a[differs])} as in ${shards[0]!.dir}). Merge the shards of one run.`,
      );
  }
  return { seed: first.seed, runs: first.runs, strict: first.strict, target: first.target };
}

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      options: {
        target: { type: 'string' },
        seed: { type: 'string' },
        runs: { type: 'string' },
        strict: { type: 'boolean' },
        'report-dir': { type: 'string' },
        reporter: { type: 'string' },
      },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    throw new UsageError(`conformance merge: ${(error as Error).message}. Run npx conformance merge --help.`);
  }
}
