import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { ConformanceReport } from '../../engine/report/report-types.ts';
import { RUN_ENV } from '../../engine/runner/run-env.ts';
import { loadTargetFile } from '../../engine/target/load-target-file.ts';
import { TargetFileError } from '../../engine/target/target-file-error.ts';
import { UsageError } from '../usage-error.ts';

export const MERGE_USAGE = `Usage: npx conformance merge <shard report dir>... --target FILE --seed N [--report-dir DIR] [--strict]

Merges the reports of a run split with --shard I/N (each shard's report dir holds a blob/ folder) into
one conformance.json, summary.html, junit.xml and HTML report, with the exit code of the whole run.`;

const CONFIG = fileURLToPath(new URL('../../engine/runner/merge.config.ts', import.meta.url));

/** `npx conformance merge`: Playwright's merge-reports with the suite's reporters. */
export async function mergeCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv);
  if (positionals.length === 0) throw new UsageError('conformance merge: name the shards\' report dirs (each with a blob/ folder).');
  if (!values.target) throw new UsageError('conformance merge: --target FILE is needed (the file the shards ran with).');
  if (values.seed === undefined || !/^\d+$/.test(values.seed)) throw new UsageError('conformance merge: --seed N is needed (the seed the shards ran with).');
  const targetFile = resolve(values.target);
  try {
    loadTargetFile(targetFile);
  } catch (error) {
    if (error instanceof TargetFileError) throw new UsageError(error.message);
    throw error;
  }
  const blobs = mkdtempSync(join(tmpdir(), 'conformance-blobs-'));
  for (const dir of positionals) {
    const blobDir = join(resolve(dir), 'blob');
    if (!existsSync(blobDir)) throw new UsageError(`conformance merge: ${dir} has no blob/ folder. Run each shard with --shard I/N.`);
    for (const f of readdirSync(blobDir)) copyFileSync(join(blobDir, f), join(blobs, f));
  }
  const reportDir = resolve(values['report-dir'] ?? 'reports');
  mkdirSync(reportDir, { recursive: true });
  const env = {
    ...process.env,
    [RUN_ENV.target]: targetFile,
    [RUN_ENV.seed]: values.seed,
    [RUN_ENV.runs]: values.runs ?? '100',
    [RUN_ENV.strict]: values.strict ? '1' : '0',
    [RUN_ENV.reportDir]: reportDir,
  };
  const cli = createRequire(import.meta.url).resolve('@playwright/test/cli');
  await new Promise<void>((done, fail) => {
    const child = spawn(process.execPath, [cli, 'merge-reports', '-c', CONFIG, blobs], { env, stdio: 'inherit' });
    child.on('error', fail);
    child.on('exit', () => done());
  });
  rmSync(blobs, { recursive: true, force: true });
  const reportPath = join(reportDir, 'conformance.json');
  if (!existsSync(reportPath)) return 1;
  return (JSON.parse(readFileSync(reportPath, 'utf8')) as ConformanceReport).exitCode;
}

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      options: { target: { type: 'string' }, seed: { type: 'string' }, runs: { type: 'string' }, strict: { type: 'boolean' }, 'report-dir': { type: 'string' } },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    throw new UsageError(`conformance merge: ${(error as Error).message}. Run npx conformance merge --help.`);
  }
}
