import { test, expect } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { childEnv, REPO, runCommand, type CliResult } from '../engine/reports/_helpers/run-cli.ts';

// The package as a user gets it: `npm pack` (which builds dist/ through `prepack`), installed into an
// empty project, and every kind of command run from there through `npx conformance`: the suite, an SDK
// check with an adapter written in TypeScript against the package's own types, and the mock.

const VERSION = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string }).version;
const TSC = join(REPO, 'node_modules/typescript/bin/tsc');

/**
 * The environment of a command run as from a shell: without Playwright's variables (childEnv), nor the
 * npm_* ones `npm test` sets for its own project (npm_config_local_prefix would point a nested npm back
 * at this repository); npm's cache and config files are kept, so the install finds what `npm ci` cached.
 */
function shellEnv(): NodeJS.ProcessEnv {
  const env = childEnv();
  const keep = new Set(['npm_config_cache', 'npm_config_userconfig', 'npm_config_globalconfig', 'npm_config_registry']);
  for (const name of Object.keys(env)) if (/^npm_/i.test(name) && !keep.has(name.toLowerCase())) delete env[name];
  return env;
}

/** Runs `command args` in `cwd` to its end (its own process group, killed whole on timeout). */
const run = (command: string, args: readonly string[], cwd: string, timeoutMs: number): Promise<CliResult> =>
  runCommand(command, args, { cwd, env: shellEnv(), timeoutMs });

const said = (r: CliResult) => `exit ${r.code}\nstdout: ${r.stdout.slice(-3000)}\nstderr: ${r.stderr.slice(-3000)}`;

/** `npx conformance …` in the installed project; `--no`: never fetch, the package must be the local one. */
const conformance = (args: readonly string[], timeoutMs = 120_000) => run('npx', ['--no', '--', 'conformance', ...args], project, timeoutMs);

// An SDK team's adapter: TypeScript, typed by the installed package, signing with the package's signer
// and sending with fetch. The second value proves the types are real: were they `any`, the expected
// error would be missing and tsc would fail.
const ADAPTER = `import { volcengineHmacSha256, type AttachKeyPairRequest, type SdkAdapter, type SdkOutcome, type VolcengineSdkEnv } from 'keypair-conformance';

async function attachKeyPair(request: AttachKeyPairRequest, env: VolcengineSdkEnv): Promise<SdkOutcome> {
  const url = new URL('/', env.endpoint);
  url.searchParams.set('Action', 'AttachKeyPair');
  url.searchParams.set('Version', '2020-04-01');
  // Passed on as given, even an invalid request: the suite sends those on purpose.
  (request.InstanceIds ?? []).forEach((id, i) => url.searchParams.set(\`InstanceIds.\${i + 1}\`, id));
  for (const key of ['KeyPairName', 'KeyPairId', 'ClientToken'] as const) {
    const value = request[key];
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  const signed = volcengineHmacSha256({ method: 'GET', url }, { accessKey: env.accessKey, secretKey: env.secretKey, region: env.region, service: 'ecs' });
  const response = await fetch(signed.url, { method: 'GET', headers: signed.headers });
  const answer = (await response.json()) as { ResponseMetadata?: { RequestId?: string; Error?: { Code?: string; Message?: string } }; Result?: unknown };
  const meta = answer.ResponseMetadata;
  if (meta?.Error) return { ok: false, status: response.status, code: meta.Error.Code, message: meta.Error.Message, requestId: meta.RequestId };
  return { ok: true, status: response.status, data: answer.Result, requestId: meta?.RequestId };
}

// @ts-expect-error an adapter's name is a string
export const notAnAdapter: SdkAdapter = { name: 42 };

const adapter: SdkAdapter = { name: 'fetch + volcengineHmacSha256 (test adapter)', attachKeyPair };
export default adapter;
`;

let work: string;
let project: string;
let tarball: string;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(6 * 60_000);
  work = mkdtempSync(join(tmpdir(), 'conformance-package-'));
  const packs = join(work, 'packs');
  project = join(work, 'project');
  mkdirSync(packs);
  mkdirSync(project);
  // npm pack runs prepack, which builds dist/ with tsc: the slow part.
  const packed = await run('npm', ['pack', '--pack-destination', packs, '--no-fund'], REPO, 5 * 60_000);
  expect(packed.code, said(packed)).toBe(0);
  const tgz = readdirSync(packs).filter((f) => f.endsWith('.tgz'));
  expect(tgz).toHaveLength(1);
  tarball = join(packs, tgz[0]!);

  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'an-sdk-team', version: '1.0.0', private: true, type: 'module' }, null, 2));
  // --prefer-offline, not --offline: npm ci caches the dependencies' tarballs (by the lockfile's
  // integrity) but not the registry's metadata documents, and installing a tarball resolves its
  // dependencies by name, which needs that metadata; --offline then fails with ENOTCACHED for every
  // dependency. --prefer-offline takes the tarballs from the cache and the metadata from it when cached.
  const installed = await run('npm', ['install', tarball, '--prefer-offline', '--no-audit', '--no-fund'], project, 3 * 60_000);
  expect(installed.code, said(installed)).toBe(0);
});

test.afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

test('the tarball holds what runs: the compiled dist/, bin, specs, docs, examples, targets; no sources, tests, bench or CI files', async () => {
  // Act
  const listed = await run('tar', ['-tzf', tarball], work, 60_000);
  const files = listed.stdout
    .split('\n')
    .filter(Boolean)
    .map((f) => f.replace(/^package\//, ''));
  test.info().annotations.push({ type: 'tarball files', description: String(files.length) });
  // Assert
  expect(listed.code, said(listed)).toBe(0);
  expect(files.filter((f) => /^(src|tests|bench|\.ci|\.github|scripts|generated|node_modules)\//.test(f))).toEqual([]);
  expect(files.filter((f) => /\.[cm]?ts$/.test(f) && !/\.d\.[cm]?ts$/.test(f))).toEqual([]);
  for (const file of [
    'package.json',
    'LICENSE',
    'README.md',
    'bin/conformance.mjs',
    'dist/src/cli/main.js',
    'dist/src/index.js',
    'dist/src/index.d.ts',
    'dist/src/engine/runner/playwright.config.js',
    'dist/src/engine/runner/suites/volcengine.conformance.js',
    'dist/src/engine/runner/conformance-reporter.js',
    'dist/src/engine/target/target-file.schema.json',
    'dist/src/engine/cases/examples/case-file.schema.json',
    'dist/src/engine/cases/examples/ecs-attach-key-pair.cases.json',
    'specs/huaweicloud-kps.openapi.yaml',
    'specs/volcengine-ecs.openapi.yaml',
    'targets/reference-mock.json',
    'targets/live-sized.json',
    'targets/volcengine.example.json',
    'docs/sdk.md',
  ]) {
    expect(files, file).toContain(file);
  }
  expect(files.length).toBeLessThan(600);
  const manifest = JSON.parse(readFileSync(join(project, 'node_modules/keypair-conformance/package.json'), 'utf8'));
  expect(manifest.private).toBeUndefined();
  expect(Object.keys(manifest.dependencies)).not.toContain('nock');
});

test('npx conformance --version and help work from the installed package', async () => {
  // Act
  const version = await conformance(['--version']);
  const short = await conformance(['-V']);
  const help = await conformance(['help']);
  // Assert
  expect(version.code, said(version)).toBe(0);
  expect(version.stdout.trim()).toBe(VERSION);
  expect(short.stdout.trim()).toBe(VERSION);
  expect(help.code, said(help)).toBe(0);
  expect(help.stdout).toContain('Usage: npx conformance <command>');
});

test('npx conformance run checks the embedded mock from the installed package and writes conformance.json', async () => {
  test.setTimeout(4 * 60_000);
  // Act
  const ran = await conformance(['run', '--runs', '5', '--report-dir', 'r'], 3 * 60_000);
  // Assert
  expect(ran.code, said(ran)).toBe(0);
  const report = JSON.parse(readFileSync(join(project, 'r', 'conformance.json'), 'utf8'));
  expect(report.outcome).toBe('conforms');
  expect(report.summary.pass).toBeGreaterThan(0);
});

test('an adapter written in TypeScript type-checks against the installed types and is judged by npx conformance sdk', async () => {
  test.setTimeout(4 * 60_000);
  // Arrange
  writeFileSync(join(project, 'adapter.ts'), ADAPTER);
  writeFileSync(
    join(project, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        noEmit: true,
        // The package's own .d.ts are checked too, not skipped.
        skipLibCheck: false,
        lib: ['ES2023'],
        // Node's types (fetch, Buffer) from this repository: an SDK team has @types/node of its own.
        typeRoots: [join(REPO, 'node_modules/@types')],
        types: ['node'],
      },
      include: ['adapter.ts'],
    }),
  );
  // Act
  const checked = await run(process.execPath, [TSC, '--noEmit', '-p', 'tsconfig.json'], project, 2 * 60_000);
  const ran = await conformance(['sdk', '--adapter', 'adapter.ts', '--runs', '3', '--only', 'volcengine', '--report-dir', 'rs'], 3 * 60_000);
  // Assert
  expect(checked.code, said(checked)).toBe(0);
  // A verdict (0 conforms, 1 does not), not a bad adapter or a crash (2, 3).
  expect([0, 1], said(ran)).toContain(ran.code);
  expect(ran.stderr).not.toContain('Unknown file extension');
  const report = JSON.parse(readFileSync(join(project, 'rs', 'conformance.json'), 'utf8'));
  const signature = (report.results as { rule: string; status: string }[]).find((r) => r.rule === 'client.signature');
  expect(signature?.status).toBe('pass');
});

test('npx conformance mock starts from the installed package, prints its URL and answers', async () => {
  // Arrange
  const child = spawn('npx', ['--no', '--', 'conformance', 'mock', '--port', '0'], {
    cwd: project,
    env: shellEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (out += d));
  const exited = new Promise((resolve) => child.on('exit', resolve));
  try {
    // Act
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed: ${out}`)), 30_000);
      child.stdout.on('data', () => {
        const m = out.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      child.on('exit', (code) => reject(new Error(`the mock exited (${code}) before printing its URL: ${out}`)));
    });
    const answer = await fetch(`${url}/?Action=AttachKeyPair&Version=2020-04-01`);
    // Assert
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(((await answer.json()) as { ResponseMetadata?: unknown }).ResponseMetadata).toBeDefined();
  } finally {
    // npx and the CLI under it: the whole group.
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      child.kill('SIGTERM');
    }
    await exited;
  }
});
