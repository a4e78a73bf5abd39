import { test, expect } from '@playwright/test';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { ConformanceReport } from '../../src/engine/report/report-types.ts';
import { DEFAULT_CREDENTIALS } from '../../src/mock/mock-options.ts';
import { mockTargetFile, resolveMockOptions } from '../../src/mock/index.ts';
import huaweiSdk from '../../src/sdk/adapters/huaweicloud-sdk-core.ts';
import volcengineSdk from '../../src/sdk/adapters/volcengine-openapi.ts';
import { huaweiSdkHmacSha256 } from '../../src/signing/index.ts';

// npx conformance proxy (issue 12, point 3): any client points its endpoint at it; every exchange is
// forwarded and judged; on SIGINT the same reports as run, saying which rules the traffic decided.

const fixtures = mockTargetFile(resolveMockOptions().fixtures, 'http://x');
const PROJECT = fixtures.huaweicloud.projectId;
const SERVERS = fixtures.huaweicloud.fixtures.servers.running;
const KEYPAIR = fixtures.huaweicloud.fixtures.keypairs[0]!;
const INSTANCE = fixtures.volcengine.fixtures.instances.running[0]!;
const VOLC_KEY = fixtures.volcengine.fixtures.keyPairs[0]!.name;
const HW = DEFAULT_CREDENTIALS.huawei;
const VOLC = DEFAULT_CREDENTIALS.volcengine;

interface Proxy {
  endpoint: string;
  dir: string;
  /** Stops it with SIGINT; its exit code, output and report. */
  stop(): Promise<{ code: number | null; stdout: string; report: ConformanceReport }>;
}

async function startProxy(): Promise<Proxy> {
  const dir = mkdtempSync(join(tmpdir(), 'proxy-report-'));
  const child = spawn(process.execPath, ['bin/conformance.mjs', 'proxy', '--report-dir', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout.on('data', (d) => (stdout += d));
  const endpoint = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => {
      const m = /listening on (\S+)/.exec(stdout);
      if (m) resolve(m[1]!);
    });
    child.on('exit', (code) => reject(new Error(`the proxy exited ${code}`)));
  });
  return {
    endpoint,
    dir,
    stop: async () => {
      child.kill('SIGINT');
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      return { code, stdout, report: JSON.parse(readFileSync(join(dir, 'conformance.json'), 'utf8')) as ConformanceReport };
    },
  };
}

const statusOf = (report: ConformanceReport, rule: string) => report.results.find((r) => r.rule === rule)?.status;

test('both official Node SDKs through the proxy: forwarded, judged, and the rules their traffic decided are reported', async () => {
  const proxy = await startProxy();
  const hw = { endpoint: proxy.endpoint, projectId: PROJECT, region: 'cn-north-4', accessKey: HW.accessKey, secretKey: HW.secretKey };
  const bound = await huaweiSdk.associateKeypair!({ keypair_name: KEYPAIR, server: { id: SERVERS[0]!, auth: { type: 'password', key: 'x' } } }, hw);
  const batch = await huaweiSdk.batchAssociateKeypair!(
    {
      batch_keypairs: [
        { keypair_name: KEYPAIR, server: { id: SERVERS[1]! } },
        { keypair_name: KEYPAIR, server: { id: SERVERS[2]! } },
      ],
    },
    hw,
  );
  const attached = await volcengineSdk.attachKeyPair!(
    { InstanceIds: [INSTANCE, 'i-unknown0000000000'], KeyPairName: VOLC_KEY },
    { endpoint: proxy.endpoint, region: 'cn-beijing', accessKey: VOLC.accessKey, secretKey: VOLC.secretKey },
  );
  expect([bound.ok, batch.ok, attached.ok]).toEqual([true, true, true]);
  const { code, report, stdout } = await proxy.stop();
  expect(code).toBe(0);
  expect(report.requests).toBe(3);
  for (const rule of [
    'client.signature',
    'client.project-id',
    'kps.associate.task-id',
    'kps.batch-associate.one-task-per-server',
    'ecs.attach-key-pair.one-detail-per-instance',
    'ecs.envelope',
  ])
    expect(statusOf(report, rule), rule).toBe('pass');
  // What the proxy cannot see is skipped, saying so, never passed.
  expect(report.results.find((r) => r.rule === 'client.surfaces-outcome')?.reason).toMatch(/sees the traffic, not what the client handed back/);
  expect(statusOf(report, 'kps.auth.required')).toBe('skipped');
  expect(readFileSync(join(proxy.dir, 'junit.xml'), 'utf8')).toContain('<testcase classname="client" name="client.signature');
  for (const secret of [HW.secretKey, VOLC.secretKey, HW.accessKey])
    expect(stdout + readFileSync(join(proxy.dir, 'conformance.json'), 'utf8')).not.toContain(secret);
});

test('curl through the proxy: its bytes as sent (chunked, signed by hand), and a tampered body fails client.signature', async () => {
  const proxy = await startProxy();
  const url = `${proxy.endpoint}/v3/${PROJECT}/keypairs/associate`;
  const body = `{"keypair_name": "${KEYPAIR}", "server": {"id": "${SERVERS[3]}", "auth": {"type": "password", "key": "x"}}}`;
  const signed = huaweiSdkHmacSha256(
    { method: 'POST', url, headers: { 'content-type': 'application/json' }, body },
    { accessKey: HW.accessKey, secretKey: HW.secretKey, projectId: PROJECT },
  );
  const file = join(proxy.dir, 'body.json');
  const curl = (data: string) => {
    writeFileSync(file, data);
    const headers = Object.entries(signed.headers).flatMap(([k, v]) => ['-H', `${k}: ${v}`]);
    return execFileSync(
      'curl',
      ['-s', '-o', '/dev/null', '-w', '%{http_code}', '-X', 'POST', ...headers, '-H', 'Transfer-Encoding: chunked', '--data-binary', `@${file}`, url],
      { encoding: 'utf8' },
    );
  };
  expect(curl(body)).toBe('202');
  expect(curl(body.replace('"x"', '"y"'))).toBe('401');
  const { code, report } = await proxy.stop();
  expect(code).toBe(1);
  const signature = report.results.find((r) => r.rule === 'client.signature')!;
  expect(signature.status).toBe('fail');
  expect(signature.casesRun).toBe(2);
  expect(signature.failures[0]!.title).toBe("The client's signature does not verify (bad-signature)");
});

/** Drives a harness program by hand, its endpoint the proxy's: the Python client through the proxy. */
async function throughHarness(command: string, endpoint: string): Promise<unknown[]> {
  const env = {
    ...process.env,
    CONFORMANCE_HUAWEICLOUD_AK: HW.accessKey,
    CONFORMANCE_HUAWEICLOUD_SK: HW.secretKey,
    CONFORMANCE_VOLCENGINE_AK: VOLC.accessKey,
    CONFORMANCE_VOLCENGINE_SK: VOLC.secretKey,
  };
  const child = spawn('sh', ['-c', command], { env, stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  await lines.next(); // hello
  const cases = [
    {
      operation: 'AssociateKeypair',
      request: { keypair_name: KEYPAIR, server: { id: SERVERS[4], auth: { type: 'password', key: 'x' } } },
      region: 'cn-north-4',
      projectId: PROJECT,
      credentials: { accessKeyVar: 'CONFORMANCE_HUAWEICLOUD_AK', secretKeyVar: 'CONFORMANCE_HUAWEICLOUD_SK' },
    },
    {
      operation: 'AttachKeyPair',
      request: { InstanceIds: [INSTANCE], KeyPairName: VOLC_KEY, ClientToken: `proxy-${Date.now()}` },
      region: 'cn-beijing',
      credentials: { accessKeyVar: 'CONFORMANCE_VOLCENGINE_AK', secretKeyVar: 'CONFORMANCE_VOLCENGINE_SK' },
    },
  ];
  const outcomes: unknown[] = [];
  for (const [i, c] of cases.entries()) {
    child.stdin.write(`${JSON.stringify({ id: i + 1, endpoint, timeoutMs: 5000, ...c })}\n`);
    outcomes.push(JSON.parse((await lines.next()).value as string).outcome);
  }
  child.stdin.end();
  await new Promise((resolve) => child.on('exit', resolve));
  return outcomes;
}

test('the Python client through the proxy passes; its wrong-region copy fails client.signature there too', async () => {
  const proxy = await startProxy();
  const outcomes = await throughHarness('python3 examples/python-harness/harness.py', proxy.endpoint);
  expect(outcomes.map((o) => (o as { ok: boolean }).ok)).toEqual([true, true]);
  const good = await proxy.stop();
  expect(good.code).toBe(0);
  expect(statusOf(good.report, 'client.signature')).toBe('pass');
  expect(statusOf(good.report, 'client.project-id')).toBe('pass');

  const again = await startProxy();
  await throughHarness('python3 tests/sdk/_fixtures/python-defects/wrong_region.py', again.endpoint);
  const bad = await again.stop();
  expect(bad.code).toBe(1);
  expect(bad.report.results.find((r) => r.rule === 'client.signature')!.failures[0]!.title).toBe('The client signed for another scope');
});
