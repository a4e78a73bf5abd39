import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { ConformanceReport } from '../../engine/report/report-types.ts';
import { credentialVariables } from '../../engine/cassettes/offline-target.ts';
import { CLIENT_BROKEN_FILE, RUN_ENV } from '../../engine/runner/run-env.ts';
import { checkClient } from '../_internals/check-client.ts';
import { loadTargetFile } from '../../engine/target/load-target-file.ts';
import { TargetFileError } from '../../engine/target/target-file-error.ts';
import { startEmbeddedMock, type EmbeddedMock } from '../_internals/embedded-mock.ts';
import { UsageError } from '../usage-error.ts';

export const RUN_USAGE = `Usage: npx conformance run [--target FILE] [--only huaweicloud|volcengine] [--seed N] [--runs N]
                           [--strict] [--report-dir DIR] [--shard I/N]

Checks a target against every rule of docs/RULES.md. Without --target, starts the embedded reference
mock on a free loopback port and checks it. Exit 0: no must or conflict rule failed (with --strict, no
should rule either); 1: one did; 2: bad usage or target file.
  --target FILE     a target file (docs/DESIGN.md); credentials come from the variables it names
  --only CLOUD      check one cloud
  --seed N          the fast-check seed (default: random, printed); the same seed replays the same cases
  --runs N          generated cases per property (default 100)
  --strict          should-rule failures fail the run too
  --report-dir DIR  where conformance.json, summary.html, junit.xml and html/ go (default reports)
  --shard I/N       run part I of N of the rules (Playwright sharding; merge with npx conformance merge)
  --record DIR      also write every exchange as nock-loadable cassettes (DIR/<cloud>.cassette.json), secrets removed
  --replay DIR      send nothing: judge the cassettes in DIR again with today's checks`;

const CONFIG = fileURLToPath(new URL('../../engine/runner/playwright.config.ts', import.meta.url));

export const SDK_USAGE = `Usage: npx conformance sdk (--adapter FILE | --harness "COMMAND") [--target FILE] [--only CLOUD]
                           [--seed N] [--runs N] [--strict] [--report-dir DIR] [--case-timeout MS]

Checks a client (an SDK, a CLI, a tool) by what it sends and what it hands back (docs/sdk.md). For each
case the client is called and pointed at a loopback forwarder that passes its requests on byte for byte to
the target (default: the embedded reference mock); the server rules judge its requests and the outcome it
handed back, the client rules (docs/RULES.md, "Clients") its signature, X-Project-Id, retries under fault
schedules, the outcomes of every documented answer, and what it printed. Same reports and exit codes as
run; what the client printed is in <report-dir>/client-output.log, redacted.
  --adapter FILE     a Node module whose default export implements SdkAdapter (src/sdk/sdk-adapter.ts)
  --harness COMMAND  a program in any language that speaks docs/harness-protocol.md on stdin/stdout
                     (example: --harness "python3 examples/python-harness/harness.py")
  --case-timeout MS  how long one call may take before the client is called hung (default 30000)
  --target FILE, --only, --seed, --runs, --strict, --report-dir, --record: as for run
Exit 2, with one line, when the client cannot be driven: a missing or broken adapter, a harness that
exits, hangs or answers outside the protocol.`;

/** `npx conformance run` (and `sdk`): drives Playwright over the rule tests and exits by the report's verdict. */
export async function runCommand(argv: string[], mode: 'run' | 'sdk' = 'run'): Promise<number> {
  const values = parse(argv, mode);
  const only = values.only;
  if (only !== undefined && only !== 'huaweicloud' && only !== 'volcengine') throw new UsageError(`conformance run: --only ${only} is not a cloud. Use huaweicloud or volcengine.`);
  const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : integer('--seed', values.seed, 0, 2 ** 31 - 1);
  const runs = values.runs === undefined ? 100 : integer('--runs', values.runs, 1, 100_000);
  if (values.shard !== undefined && !/^\d+\/\d+$/.test(values.shard)) throw new UsageError(`conformance run: --shard ${values.shard} is not I/N (for example 1/2).`);
  const reportDir = resolve(values['report-dir'] ?? 'reports');
  // Everything the user can get wrong is checked before the embedded mock starts.
  const client = mode === 'sdk' ? await checkClient(values as { adapter?: string; harness?: string; 'case-timeout'?: string }) : undefined;

  let embedded: EmbeddedMock | undefined;
  let targetFile: string;
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (values.replay !== undefined) {
    // Offline: the cassettes' own target file, its credential variables filled with placeholders.
    const dir = resolve(values.replay);
    const cassette = ['huaweicloud', 'volcengine'].map((c) => join(dir, `${c}.cassette.json`)).find((f) => existsSync(f));
    if (!cassette) throw new UsageError(`conformance run: --replay ${values.replay} holds no cassette (huaweicloud.cassette.json, volcengine.cassette.json). Record with --record DIR.`);
    const recorded = JSON.parse(readFileSync(cassette, 'utf8')).target as Record<string, unknown>;
    targetFile = join(tmpdir(), `conformance-replay-${process.pid}.json`);
    writeFileSync(targetFile, JSON.stringify(recorded));
    for (const name of credentialVariables(recorded)) env[name] ||= 'offline-placeholder';
    env[RUN_ENV.replay] = dir;
    env[RUN_ENV.restore] = '0';
  } else if (values.target !== undefined) {
    targetFile = resolve(values.target);
    try {
      // Fail fast, with one line, before Playwright starts; and trust the target's private CA, if any.
      const target = loadTargetFile(targetFile, env);
      const caFiles = [target.huaweicloud?.caFile, target.volcengine?.caFile].filter((f): f is string => !!f);
      if (caFiles.length > 0) env.NODE_EXTRA_CA_CERTS = caBundle(caFiles, dirname(targetFile));
    } catch (error) {
      if (error instanceof TargetFileError) throw new UsageError(error.message);
      throw error;
    }
  } else {
    // The embedded default: the reference mock with its built-in test keys, unless the environment names others.
    embedded = await startEmbeddedMock('embedded');
    targetFile = embedded.targetFile;
    Object.assign(env, embedded.credentialEnv);
    env[RUN_ENV.embedded] = '1';
    env[RUN_ENV.restore] = '0'; // the embedded mock is thrown away after the run: nothing to restore
  }
  Object.assign(env, {
    [RUN_ENV.target]: targetFile,
    [RUN_ENV.seed]: String(seed),
    [RUN_ENV.runs]: String(runs),
    [RUN_ENV.strict]: values.strict ? '1' : '0',
    [RUN_ENV.reportDir]: reportDir,
    [RUN_ENV.partial]: [only && `--only ${only}`, values.shard && `--shard ${values.shard}`].filter(Boolean).join(' '),
  });
  if (values.shard) env.CONFORMANCE_BLOB = '1';
  if (client?.adapterFile) env[RUN_ENV.adapter] = client.adapterFile;
  if (client?.harness) env[RUN_ENV.harness] = client.harness;
  if (client) env[RUN_ENV.caseTimeout] = String(client.caseTimeoutMs);
  if (values.record !== undefined) env[RUN_ENV.record] = resolve(values.record);

  rmSync(join(reportDir, 'conformance.json'), { force: true });
  rmSync(join(reportDir, CLIENT_BROKEN_FILE), { force: true });
  rmSync(join(reportDir, 'client-output.log'), { force: true });
  mkdirSync(reportDir, { recursive: true });

  try {
    const args = ['test', '-c', CONFIG, ...(only ? ['--project', only] : []), ...(values.shard ? ['--shard', values.shard] : [])];
    await playwright(args, env);
  } finally {
    await embedded?.close();
  }
  // The client could not be driven: no verdict about it, whatever the report says.
  const broken = join(reportDir, CLIENT_BROKEN_FILE);
  if (existsSync(broken)) {
    process.stderr.write(`conformance sdk: ${readFileSync(broken, 'utf8')}\n`);
    return 2;
  }
  const reportPath = join(reportDir, 'conformance.json');
  if (!existsSync(reportPath)) {
    process.stderr.write(`conformance run: the run ended without writing ${reportPath}; see the output above.\n`);
    return 1;
  }
  const report = JSON.parse(readFileSync(reportPath, 'utf8')) as ConformanceReport;
  return report.exitCode;
}

/** One PEM file with every CA the target file names (Node trusts one extra file, read at start-up). */
function caBundle(files: string[], base: string): string {
  const bundle = join(tmpdir(), `conformance-ca-${process.pid}.pem`);
  const pems = files.map((f) => {
    const path = isAbsolute(f) ? f : join(base, f);
    try {
      return readFileSync(path, 'utf8');
    } catch {
      throw new UsageError(`conformance run: the target file's caFile ${f} cannot be read (looked at ${path}). Fix the path; it is relative to the target file.`);
    }
  });
  writeFileSync(bundle, pems.join('\n'));
  return bundle;
}

function playwright(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const cli = createRequire(import.meta.url).resolve('@playwright/test/cli');
  return new Promise((resolveExit, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { env, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) => resolveExit(code ?? 1));
  });
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
        strict: { type: 'boolean' },
        'report-dir': { type: 'string' },
        shard: { type: 'string' },
        record: { type: 'string' },
        replay: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw new UsageError(`conformance ${mode}: ${(error as Error).message}. Run npx conformance ${mode} --help.`);
  }
}

function integer(flag: string, text: string, min: number, max: number): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max) throw new UsageError(`conformance run: ${flag} ${text} is not a whole number from ${min} to ${max}.`);
  return n;
}
