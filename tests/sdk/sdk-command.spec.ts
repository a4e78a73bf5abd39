import { test, expect } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConformanceReport } from '../../src/engine/report/report-types.ts';
import { DEFAULT_CREDENTIALS } from '../../src/mock/mock-options.ts';

// npx conformance sdk (--adapter FILE | --harness COMMAND): the same reports and exit codes as run; a
// client that cannot be driven is one line and exit 2 within seconds; no credential is written anywhere.

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
  dir: string;
}

function sdk(args: string[], options: { killAfterMs?: number } = {}): Promise<Ran> {
  const dir = mkdtempSync(join(tmpdir(), 'sdk-report-'));
  const child = spawn(process.execPath, ['bin/conformance.mjs', 'sdk', ...args, '--report-dir', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  // A hang is a failure of the test, not a stuck test run.
  const timer = setTimeout(() => child.kill('SIGKILL'), options.killAfterMs ?? 120_000);
  return new Promise((resolve) => child.on('exit', (code) => (clearTimeout(timer), resolve({ code, stdout, stderr, dir }))));
}

function report(dir: string): ConformanceReport {
  return JSON.parse(readFileSync(join(dir, 'conformance.json'), 'utf8')) as ConformanceReport;
}

/** Every file under dir, recursively, as text. */
function everyFile(dir: string): [string, string][] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? everyFile(path) : [[path, readFileSync(path, 'latin1')] as [string, string]];
  });
}

const SECRETS = [
  DEFAULT_CREDENTIALS.huawei.secretKey,
  DEFAULT_CREDENTIALS.volcengine.secretKey,
  DEFAULT_CREDENTIALS.huawei.accessKey,
  DEFAULT_CREDENTIALS.volcengine.accessKey,
];

function expectNoCredentialAnywhere(ran: Ran): void {
  for (const secret of SECRETS) {
    expect(ran.stdout, 'stdout').not.toContain(secret);
    expect(ran.stderr, 'stderr').not.toContain(secret);
    for (const [path, text] of everyFile(ran.dir)) expect(text, path).not.toContain(secret);
  }
}

test('the Python harness through the CLI: exit 0, both clouds and the client rules decided, no credential in any file or stream', async () => {
  const ran = await sdk(['--harness', 'python3 examples/python-harness/harness.py', '--runs', '10', '--seed', '4', '--strict']);
  expect(ran.code, ran.stderr).toBe(0);
  const r = report(ran.dir);
  for (const rule of [
    'client.signature',
    'client.project-id',
    'client.surfaces-outcome',
    'client.retry-safe',
    'client.no-secrets-in-output',
    'kps.batch-associate.one-task-per-server',
    'ecs.attach-key-pair.one-detail-per-instance',
  ]) {
    expect(r.results.find((x) => x.rule === rule)?.status, rule).toBe('pass');
  }
  expectNoCredentialAnywhere(ran);
});

test('a client that prints its secret key: client.no-secrets-in-output fails (exit 1 with --strict); the key is redacted in every file, client-output.log included, and in the streams', async () => {
  const ran = await sdk([
    '--harness',
    'python3 tests/sdk/_fixtures/python-defects/prints_secret.py',
    '--runs',
    '5',
    '--seed',
    '4',
    '--strict',
    '--only',
    'volcengine',
  ]);
  expect(ran.code, ran.stderr).toBe(1);
  expect(report(ran.dir).results.find((x) => x.rule === 'client.no-secrets-in-output')?.status).toBe('fail');
  expect(readFileSync(join(ran.dir, 'client-output.log'), 'utf8')).toContain('[REDACTED]');
  expectNoCredentialAnywhere(ran);
});

test("an in-process adapter that prints its secret: nothing reaches the run's output, junit.xml or the HTML report", async () => {
  const ran = await sdk(['--adapter', 'tests/sdk/_fixtures/prints-secret.adapter.ts', '--runs', '3', '--seed', '4', '--only', 'volcengine']);
  expect(report(ran.dir).results.find((x) => x.rule === 'client.no-secrets-in-output')?.status).toBe('fail');
  expect(readFileSync(join(ran.dir, 'client-output.log'), 'utf8')).toContain('secret=[REDACTED]');
  expectNoCredentialAnywhere(ran);
});

test('a failure of an SDK run replays through the same client: FAILED while the client is broken', async () => {
  const ran = await sdk(['--adapter', 'tests/sdk/_fixtures/drops-second-instance-id.adapter.ts', '--runs', '5', '--seed', '4', '--only', 'volcengine']);
  const failure = report(ran.dir).results.find((x) => x.rule === 'ecs.attach-key-pair.one-detail-per-instance')!.failures[0]!;
  const replay = spawn(process.execPath, ['bin/conformance.mjs', 'replay', failure.id, '--report-dir', ran.dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  replay.stdout.on('data', (d) => (out += d));
  const code = await new Promise((resolve) => replay.on('exit', resolve));
  expect(out).toContain('through broken: drops InstanceIds.2');
  expect(out).toContain('FAILED');
  expect(code).toBe(1);
});

const dir = mkdtempSync(join(tmpdir(), 'bad-clients-'));
const file = (name: string, text: string) => (writeFileSync(join(dir, name), text), join(dir, name));
const BAD: [string, string[], RegExp][] = [
  ['no client named', [], /^conformance sdk: give either --adapter FILE .* or --harness "COMMAND"/],
  ['a missing adapter file', ['--adapter', join(dir, 'nope.ts')], /^conformance sdk: the adapter .*nope\.ts does not exist\./],
  ['an adapter with no default export', ['--adapter', file('no-default.mjs', 'export const x = 1;\n')], /has no default export\. Export the adapter object/],
  ['export default 42', ['--adapter', file('forty-two.mjs', 'export default 42;\n')], /default export is number, not an adapter/],
  [
    'an object with no operation',
    ['--adapter', file('empty.mjs', "export default { name: 'x' };\n")],
    /has none of associateKeypair, batchAssociateKeypair, attachKeyPair/,
  ],
  ['an adapter that throws on import', ['--adapter', file('throws.mjs', "throw new Error('no SDK here');\n")], /throws when it is imported: no SDK here\./],
  ['a harness that exits', ['--harness', 'exit 3'], /^conformance sdk: the harness "exit 3" exited \(code 3\)\./],
  ['a harness that prints something else', ['--harness', 'echo hello; sleep 30'], /printed "hello" instead of its hello line/],
  [
    'a harness of another protocol version',
    ['--harness', `echo '{"protocol":"keypair-conformance.harness/2","name":"x","operations":["AttachKeyPair"]}'; sleep 30`],
    /speaks protocol "keypair-conformance.harness\/2"/,
  ],
  ['a harness that never says hello', ['--harness', 'sleep 30', '--case-timeout', '1500'], /did not print its hello line within 1500 ms/],
];
for (const [what, args, message] of BAD) {
  test(`${what}: one line, exit 2, nothing left running`, async () => {
    const ran = await sdk(args, { killAfterMs: 20_000 });
    expect(ran.code, ran.stderr).toBe(2);
    expect(ran.stderr.trim().split('\n')).toHaveLength(1);
    expect(ran.stderr.trim()).toMatch(message);
  });
}

test('a harness that hangs on a case, or answers outside the protocol, stops the run: exit 2 with one line naming it', async () => {
  const hello = `{"protocol":"keypair-conformance.harness/1","name":"bad","operations":["AttachKeyPair"]}`;
  const hangs = file('hangs.sh', `echo '${hello}'\nread line\nsleep 60\n`);
  const garbage = file('garbage.sh', `echo '${hello}'\nread line\necho 'not json'\nsleep 60\n`);
  const hung = await sdk(['--harness', `sh ${hangs}`, '--only', 'volcengine', '--case-timeout', '1500', '--runs', '1'], { killAfterMs: 60_000 });
  expect(hung.code).toBe(2);
  expect(hung.stderr.trim().split('\n').at(-1)).toMatch(
    /^conformance sdk: the client bad did not finish case .* within 1500 ms|^conformance sdk: the harness .* did not answer case 1 \(AttachKeyPair\) within 1500 ms/,
  );
  const bad = await sdk(['--harness', `sh ${garbage}`, '--only', 'volcengine', '--runs', '1'], { killAfterMs: 60_000 });
  expect(bad.code).toBe(2);
  expect(bad.stderr.trim().split('\n').at(-1)).toMatch(/answered case 1 with "not json", not a JSON object/);
});
