import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { ConformanceReport } from '../../engine/report/report-types.ts';
import { credentialVariables } from '../../engine/cassettes/offline-target.ts';
import { parseReporters } from '../_internals/parse-reporters.ts';
import { CLIENT_BROKEN_FILE, INTERRUPT_FILE, runChildEnv, type RunEnv } from '../../engine/runner/run-env.ts';
import { runPlaywright, type PlaywrightExit } from '../_internals/run-playwright.ts';
import { checkClient } from '../_internals/check-client.ts';
import { loadTargetFile, resolveTargetDocument } from '../../engine/target/load-target-file.ts';
import type { ResolvedTarget } from '../../engine/target/resolved-target.ts';
import { TargetFileError } from '../../engine/target/target-file-error.ts';
import { startEmbeddedMock, withMockTestKeys, type EmbeddedMock } from '../_internals/embedded-mock.ts';
import { UsageError } from '../usage-error.ts';
import { CLOUD_LIST, CLOUDS } from '../../families/api-families.ts';
import { cloudsOf } from '../../engine/target/target-clouds.ts';
import { parseOnly } from '../_internals/parse-only.ts';

/** The options run and sdk share, in one place so both --help texts list them. */
const COMMON_OPTIONS = `  --target FILE       a target file (docs/DESIGN.md); credentials come from the variables it names
                      (default: the embedded reference mock on a free loopback port)
  --only CLOUD        check one cloud: ${CLOUD_LIST}
  --seed N            the fast-check seed (default: random, printed); the same seed sends the same cases
  --runs N            generated cases per property (default 100)
  --concurrency N     parts of the plan sent at once (default 1, one case at a time; 8 runs the
                      independent parts at once, faster; a client under test always gets one at a time)
  --strict            should-rule failures fail the run too
  --report-dir DIR    where conformance.json, summary.html, junit.xml, html/ and failures/ go (default reports)
  --reporter LIST     CI reports besides those: github (job summary + annotations), sarif (conformance.sarif)
  --shard I/N         run part I of N of the rules (merge the parts with npx conformance merge)
  --record DIR        also write every exchange as cassettes (DIR/<cloud>.cassette.json), secrets removed
  --replay DIR        send nothing: judge the cassettes in DIR again with today's checks (their own seed)`;

const EXIT_CODES = `Exit codes: 0 conforms · 1 does not conform (a must or conflict rule failed; with --strict, a should rule)
· 2 bad usage or input, one line saying what and how to fix it · 3 no verdict: the target never answered,
or the run was interrupted (the report says so; an interrupted run's report is marked interrupted).`;

export const RUN_USAGE = `Usage: npx conformance run [options]

Checks a target against every rule of docs/RULES.md. Without --target, starts the embedded reference
mock on a free loopback port and checks it.
${COMMON_OPTIONS}
${EXIT_CODES}`;

const CONFIG = (await import('../../package-layout.ts')).codeFile('engine/runner/playwright.config.ts');

export const SDK_USAGE = `Usage: npx conformance sdk (--adapter FILE | --harness "COMMAND") [options]

Checks a client (an SDK, a CLI, a tool) by what it sends and what it hands back (docs/sdk.md). For each
case the client is called and pointed at a loopback forwarder that passes its requests on byte for byte to
the target (default: the embedded reference mock); the server rules judge its requests and the outcome it
handed back, the client rules (docs/RULES.md, "Clients") its signature, X-Project-Id, retries under fault
schedules, the outcomes of every documented answer, and what it printed (<report-dir>/client-output.log,
redacted).
  --adapter FILE      a Node module (.js, .mjs or .ts) whose default export implements SdkAdapter
                      (import type { SdkAdapter } from 'keypair-conformance')
  --harness COMMAND   a program in any language that speaks docs/harness-protocol.md on stdin/stdout
                      (example: --harness "python3 examples/python-harness/harness.py")
  --case-timeout MS   how long one call may take before the client is called hung (default 30000)
${COMMON_OPTIONS}
${EXIT_CODES} Exit 2 also when the client cannot be driven: a missing
or broken adapter, a harness that exits, hangs or answers outside the protocol.`;

/** `npx conformance run` (and `sdk`): drives Playwright over the rule tests and exits by the report's verdict. */
export async function runCommand(argv: string[], mode: 'run' | 'sdk' = 'run'): Promise<number> {
  const values = parse(argv, mode);
  const only = parseOnly(mode, values.only);
  if (values.shard !== undefined) checkShard(mode, values.shard);
  const reporters = parseReporters(mode, values.reporter);
  const reportDir = usableReportDir(mode, values['report-dir'] ?? 'reports');
  const recorded = values.replay !== undefined ? readCassetteRun(mode, values.replay, values) : undefined;
  const seed = recorded?.seed ?? (values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : integer(mode, '--seed', values.seed, 0, 2 ** 31 - 1));
  const runs = recorded?.runs ?? (values.runs === undefined ? 100 : integer(mode, '--runs', values.runs, 1, 100_000));
  const concurrency = values.concurrency === undefined ? undefined : integer(mode, '--concurrency', values.concurrency, 1, 64);
  // Everything the user can get wrong is checked before the embedded mock starts.
  const client = mode === 'sdk' ? await checkClient(values as { adapter?: string; harness?: string; 'case-timeout'?: string }) : undefined;

  const env = withMockTestKeys({ ...process.env });
  // The target is resolved here, once, and handed to the workers as a value (RunEnv.target).
  let target: ResolvedTarget | undefined;
  let embedded: EmbeddedMock | undefined;
  let restore = true;
  if (recorded) {
    // Offline: the cassettes' own target file, its credential variables filled with placeholders.
    for (const name of credentialVariables(recorded.target)) env[name] ||= 'offline-placeholder';
    target = explainTargetError(() => resolveTargetDocument(recorded.target, `(the target of the cassettes in ${values.replay})`, env));
    restore = false;
  } else if (values.target !== undefined) {
    const targetFile = resolve(values.target);
    // Fail fast, with one line, before Playwright starts; and trust the target's private CA, if any.
    const loaded = explainTargetError(() => loadTargetFile(targetFile, env));
    target = loaded;
    const caFiles = cloudsOf(loaded).flatMap((c) => loaded[c]!.caFile ?? []);
    if (caFiles.length > 0) env.NODE_EXTRA_CA_CERTS = caBundle(caFiles, dirname(targetFile));
  } else {
    restore = false; // the embedded mock is thrown away after the run: nothing to restore
  }
  createReportDir(mode, reportDir, values['report-dir'] ?? 'reports');
  for (const f of ['conformance.json', CLIENT_BROKEN_FILE, INTERRUPT_FILE, 'client-output.log']) rmSync(join(reportDir, f), { force: true });

  let exit: PlaywrightExit;
  try {
    if (target === undefined) {
      // The embedded default: the reference mock with its built-in test keys, unless the environment names others.
      embedded = await startEmbeddedMock();
      target = embedded.target;
      Object.assign(env, embedded.credentialEnv);
    }
    const settings: RunEnv = {
      target,
      seed,
      runs,
      ...(concurrency !== undefined ? { concurrency } : {}),
      strict: values.strict === true,
      reportDir,
      embedded: embedded !== undefined,
      restore,
      caseTimeoutMs: client?.caseTimeoutMs ?? 30_000,
      blob: values.shard !== undefined,
      reporters,
      ...([only && `--only ${only}`, values.shard && `--shard ${values.shard}`].some(Boolean)
        ? { partial: [only && `--only ${only}`, values.shard && `--shard ${values.shard}`].filter(Boolean).join(' ') }
        : {}),
      ...(client?.adapterFile ? { adapterFile: client.adapterFile } : {}),
      ...(client?.harness ? { harness: client.harness } : {}),
      ...(values.record !== undefined ? { recordDir: resolve(values.record) } : {}),
      ...(recorded ? { replayDir: resolve(values.replay!) } : {}),
    };
    const args = ['test', '-c', CONFIG, ...(only ? ['--project', only] : []), ...(values.shard ? ['--shard', values.shard] : [])];
    exit = await runPlaywright(args, runChildEnv(settings, env), () => writeFileSync(join(reportDir, INTERRUPT_FILE), ''));
  } finally {
    rmSync(join(reportDir, INTERRUPT_FILE), { force: true });
    await embedded?.close();
  }
  return exitOfRun(mode, reportDir, exit);
}

/**
 * The exit code of a finished run: 2 when the client under test could not be driven, else the report's
 * (0 conforms, 1 does not, 3 no verdict); 3 when no report was written or the run was interrupted.
 */
function exitOfRun(mode: 'run' | 'sdk', reportDir: string, exit: PlaywrightExit): number {
  const broken = join(reportDir, CLIENT_BROKEN_FILE);
  if (existsSync(broken)) {
    process.stderr.write(`conformance sdk: ${readFileSync(broken, 'utf8')}\n`);
    return 2;
  }
  const reportPath = join(reportDir, 'conformance.json');
  if (!existsSync(reportPath)) {
    process.stderr.write(
      `conformance ${mode}: could not run: the run ended (exit ${exit.code}${exit.interruptedBy ? `, ${exit.interruptedBy}` : ''}) without writing ${reportPath}; see the output above.\n`,
    );
    return 3;
  }
  const report = JSON.parse(readFileSync(reportPath, 'utf8')) as ConformanceReport;
  if (exit.interruptedBy && report.exitCode !== 3) {
    // Stopped after the last rule was decided: the report is complete, but the run did not end by itself.
    process.stderr.write(`conformance ${mode}: interrupted by ${exit.interruptedBy} after the report was written.\n`);
    return 3;
  }
  for (const c of report.couldNotRun ?? []) process.stderr.write(`conformance ${mode}: could not run${c.cloud ? ` ${c.cloud}` : ''}: ${c.reason}\n`);
  return report.exitCode;
}

/** `--shard I/N`: both whole numbers, 1 ≤ I ≤ N. */
function checkShard(mode: string, shard: string): void {
  const m = /^(\d+)\/(\d+)$/.exec(shard);
  if (!m || Number(m[1]) < 1 || Number(m[1]) > Number(m[2])) {
    throw new UsageError(`conformance ${mode}: --shard ${shard} is not I/N with 1 ≤ I ≤ N (for example --shard 1/2 and --shard 2/2).`);
  }
}

/** The report dir: a path that names a file is one line, not a hang. Nothing is created yet. */
function usableReportDir(mode: string, dir: string): string {
  const path = resolve(dir);
  if (existsSync(path) && !statSync(path).isDirectory())
    throw new UsageError(`conformance ${mode}: --report-dir ${dir} is a file, not a folder. Name a folder (it is created if missing).`);
  return path;
}

/** Created once the rest of the input is known to be usable, so a bad run leaves nothing behind. */
function createReportDir(mode: string, path: string, given: string): void {
  try {
    mkdirSync(path, { recursive: true });
  } catch (error) {
    throw new UsageError(
      `conformance ${mode}: --report-dir ${given} cannot be created (${(error as NodeJS.ErrnoException).code ?? 'error'}). Name a folder you can write to.`,
    );
  }
}

/** `--replay DIR`: the cassettes' own seed, runs and target, so the run reports what was recorded. */
function readCassetteRun(
  mode: string,
  dir: string,
  values: { seed?: string; runs?: string; target?: string; record?: string },
): { seed: number; runs: number; target: Record<string, unknown> } {
  for (const flag of ['seed', 'runs', 'target', 'record'] as const) {
    if (values[flag] !== undefined)
      throw new UsageError(
        `conformance ${mode}: --${flag} does not go with --replay: a replay judges the recorded cases, with the recording's own ${flag === 'record' ? 'exchanges' : flag}. Drop --${flag}.`,
      );
  }
  const names = CLOUDS.map((c) => `${c}.cassette.json`);
  const cassette = names.map((name) => join(resolve(dir), name)).find((f) => existsSync(f));
  if (!cassette) throw new UsageError(`conformance ${mode}: --replay ${dir} holds no cassette (${names.join(', ')}). Record with --record DIR.`);
  try {
    const recorded = JSON.parse(readFileSync(cassette, 'utf8')) as { seed: number; runs?: number; target: Record<string, unknown> };
    return { seed: recorded.seed, runs: recorded.runs ?? 100, target: recorded.target };
  } catch (error) {
    throw new UsageError(`conformance ${mode}: --replay ${cassette} is not a cassette (${(error as Error).message}). Record it again with --record DIR.`);
  }
}

/** A target file's problem is bad input: one line, exit 2. */
function explainTargetError(resolveTarget: () => ResolvedTarget): ResolvedTarget {
  try {
    return resolveTarget();
  } catch (error) {
    if (error instanceof TargetFileError) throw new UsageError(error.message);
    throw error;
  }
}

/** One PEM file with every CA the target file names (Node trusts one extra file, read at start-up). */
function caBundle(files: string[], base: string): string {
  const bundle = join(tmpdir(), `conformance-ca-${process.pid}.pem`);
  const pems = files.map((f) => {
    const path = isAbsolute(f) ? f : join(base, f);
    try {
      return readFileSync(path, 'utf8');
    } catch {
      throw new UsageError(
        `conformance run: the target file's caFile ${f} cannot be read (looked at ${path}). Fix the path; it is relative to the target file.`,
      );
    }
  });
  writeFileSync(bundle, pems.join('\n'));
  return bundle;
}

function parse(argv: string[], mode: 'run' | 'sdk') {
  try {
    return parseArgs({
      args: argv,
      options: {
        ...(mode === 'sdk' ? { adapter: { type: 'string' as const }, harness: { type: 'string' as const }, 'case-timeout': { type: 'string' as const } } : {}),
        target: { type: 'string' },
        only: { type: 'string' },
        seed: { type: 'string' },
        runs: { type: 'string' },
        concurrency: { type: 'string' },
        strict: { type: 'boolean' },
        'report-dir': { type: 'string' },
        shard: { type: 'string' },
        record: { type: 'string' },
        replay: { type: 'string' },
        reporter: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw new UsageError(`conformance ${mode}: ${(error as Error).message}. Run npx conformance ${mode} --help.`);
  }
}

function integer(mode: string, flag: string, text: string, min: number, max: number): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max) throw new UsageError(`conformance ${mode}: ${flag} ${text} is not a whole number from ${min} to ${max}.`);
  return n;
}
