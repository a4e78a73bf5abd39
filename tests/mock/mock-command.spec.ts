import { test, expect } from '@playwright/test';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { READING_NAMES } from '../../src/mock/index.ts';
import { attachQuery, FIX, huawei, volcengine } from '../_helpers/mock-client.ts';

const bin = fileURLToPath(new URL('../../bin/conformance.mjs', import.meta.url));

/** Starts `conformance mock` with `args`, resolves with its URL and what it printed so far. */
function startCli(args: string[]) {
  const child = spawn(process.execPath, [bin, 'mock', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  const url = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL printed: ${out}`)), 20_000);
    child.stdout.on('data', () => {
      const m = out.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
  });
  const stop = async () => {
    child.kill('SIGTERM');
    return new Promise((resolve) => child.on('exit', resolve));
  };
  return { url, output: () => out, stop };
}

/** Runs `conformance mock` with `args` to its end: exit code and both streams. */
async function runCli(args: string[]): Promise<{ code: unknown; out: string; err: string }> {
  const child = spawn(process.execPath, [bin, 'mock', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  const code = await new Promise((resolve) => child.on('exit', resolve));
  return { code, out, err };
}

test('npx conformance mock prints its URL and target file, serves both clouds and stops on SIGTERM', async () => {
  // Arrange
  const cli = startCli(['--fault', 'ecs.version']);
  const url = await cli.url;
  try {
    // Act
    const answer = await volcengine(url, attachQuery({ ids: ['i-running-000'], name: 'ssh_key_pair' }));
    const targetPath = cli.output().match(/Target file: (\S+)/)![1]!;
    // Assert
    expect(answer.status).toBe(200);
    expect(cli.output()).toContain('Breaking on purpose: ecs.version');
    expect(JSON.parse(readFileSync(targetPath, 'utf8')).volcengine.endpoint).toBe(url);
  } finally {
    expect(await cli.stop()).toBe(0);
  }
});

test('bad mock options are one line and exit code 2', async () => {
  for (const [args, message] of [
    [['--port', 'x'], 'conformance mock: --port x is not a whole number from 0 to 65535.'],
    [['--huawei-success', '201'], 'conformance mock: --huawei-success 201 is not one of 202, 200.'],
    [['--reading', 'kpsErrorForm=deep'], 'conformance mock: --reading kpsErrorForm=deep: kpsErrorForm is one of flat, nested.'],
    [['--reading', 'colour=red'], 'conformance mock: --reading colour=red is not NAME=VALUE with NAME one of huaweiSuccessStatus,'],
    [
      ['--reading', 'huaweiSuccessStatus=200', '--huawei-success', '202'],
      'conformance mock: --huawei-success says huaweiSuccessStatus 202, another flag 200. Give it once.',
    ],
    [['--profile', 'huge'], 'conformance mock: --profile huge is not one of default, live-sized.'],
    [['--fault', 'kps.auth.required:never'], 'conformance mock: startMock: fault "kps.auth.required:never" is not a variant of kps.auth.required'],
    [['--bogus'], "conformance mock: Unknown option '--bogus'"],
  ] as const) {
    const { code, err } = await runCli([...args]);
    expect(code, args.join(' ')).toBe(2);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err).toContain(message);
  }
});

test('--reading and the older flags set readings; --profile live-sized writes the live-sized target file', async () => {
  // Arrange
  const cli = startCli(['--reading', 'kpsErrorForm=nested', '--reading', 'ecsGatewayEnvelope=minimal', '--huawei-success', '200', '--profile', 'live-sized']);
  try {
    const url = await cli.url;
    // Act
    const bind = await huawei(url, 'POST', '/v3/{project}/keypairs/associate', { keypair_name: 'kp-alpha', server: { id: FIX.running[0]! } });
    const refused = await huawei(url, 'POST', '/v3/{project}/keypairs/associate', {}, { auth: 'none' });
    const unsigned = await volcengine(url, attachQuery({ ids: ['i-running-000'], name: 'ssh_key_pair' }), { unsigned: true });
    const targetPath = cli.output().match(/Target file: (\S+)/)![1]!;
    // Assert
    expect(bind.status).toBe(200);
    expect(Object.keys(refused.body)).toEqual(['error']);
    expect(Object.keys(unsigned.body.ResponseMetadata)).toEqual(['RequestId', 'Error']);
    expect(cli.output()).toContain('Readings: huaweiSuccessStatus=200, kpsErrorForm=nested, ecsGatewayEnvelope=minimal');
    const target = JSON.parse(readFileSync(targetPath, 'utf8'));
    expect([target.name, target.safety.maxRequests, target.huaweicloud.fixtures.servers.running.length, target.volcengine.endpoint]).toEqual([
      'live-sized',
      400,
      2,
      url,
    ]);
  } finally {
    expect(await cli.stop()).toBe(0);
  }
});

test('--readings lists every reading with its values, default first; --faults lists the variants too', async () => {
  // Act
  const readings = await runCli(['--readings']);
  const faults = await runCli(['--faults']);
  // Assert
  expect(readings.code).toBe(0);
  for (const name of READING_NAMES) expect(readings.out).toMatch(new RegExp(`^${name} `, 'm'));
  expect(readings.out).toMatch(/^kpsErrorForm +flat \| nested /m);
  expect(faults.code).toBe(0);
  expect(faults.out).toMatch(/^kps\.auth\.required:carried-out +a bind with neither/m);
  expect(faults.out).toMatch(/^kps\.batch-associate\.max-10 +more than 10 entries/m);
});
