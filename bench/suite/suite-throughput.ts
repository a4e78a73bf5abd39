// Issue 4, point 8: the suite's own request rate beside the mock's raw capacity, measured in the same
// run. The mock runs in a child process (`conformance mock`); autocannon measures what it can serve;
// then this process runs both clouds' plans against it, as a conformance run does, and counts.
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { DEFAULT_CREDENTIALS, mockCredentialEnv } from '../../src/mock/index.ts';
import { runCloud } from '../../src/engine/run/run-cloud.ts';
import { loadTargetFile } from '../../src/engine/target/load-target-file.ts';
import { volcengineHmacSha256 } from '../../src/signing/index.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const env = { ...process.env, ...mockCredentialEnv() };

async function startMockChild(): Promise<{ url: string; targetFile: string; stop: () => void }> {
  const targetFile = join(tmpdir(), `bench-suite-target-${process.pid}.json`);
  const child = spawn(process.execPath, ['bin/conformance.mjs', 'mock', '--port', '0', '--task-delay-ms', '20', '--write-target', targetFile], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/listening on (http:\/\/\S+)/);
      if (m) resolve(m[1]!);
    });
    child.on('exit', (code) => reject(new Error(`the mock exited (${code}) before it listened`)));
  });
  return { url, targetFile, stop: () => child.kill('SIGTERM') };
}

/** The mock's raw capacity on one signed AttachKeyPair, at 50 connections (as bench/run-bench.ts measures). */
async function mockCapacity(url: string): Promise<number> {
  const query = 'Action=AttachKeyPair&Version=2020-04-01&InstanceIds.1=i-running-000&KeyPairName=ssh_key_pair';
  const signed = volcengineHmacSha256(
    { method: 'GET', url: `${url}/?${query}` },
    { accessKey: DEFAULT_CREDENTIALS.volcengine.accessKey, secretKey: DEFAULT_CREDENTIALS.volcengine.secretKey, region: 'cn-beijing', service: 'ecs' },
  );
  await autocannon({ url: signed.url, headers: signed.headers, connections: 50, duration: 1 });
  const result = await autocannon({ url: signed.url, headers: signed.headers, connections: 50, duration: SECONDS });
  return result.requests.average;
}

const mock = await startMockChild();
try {
  const capacity = await mockCapacity(mock.url);
  const target = loadTargetFile(mock.targetFile, env);
  const started = performance.now();
  // Both clouds at once, as a conformance run's two Playwright workers do.
  const runs = await Promise.all((['huaweicloud', 'volcengine'] as const).map((cloud) => runCloud(cloud, target, { seed: 1, runs: 200, restore: false })));
  const requests = runs.reduce((n, r) => n + r.requests, 0);
  const seconds = (performance.now() - started) / 1000;
  const suiteRate = requests / seconds;
  const ratio = suiteRate / capacity;
  console.log('\n## The suite beside the mock (same run)\n');
  console.log('| measure | req/s |');
  console.log('|---|---:|');
  console.log(`| mock raw capacity (autocannon, 50 connections, signed AttachKeyPair) | ${Math.round(capacity).toLocaleString('en')} |`);
  console.log(`| suite, both clouds' plans at --runs 200 (${requests} requests in ${seconds.toFixed(1)} s) | ${Math.round(suiteRate).toLocaleString('en')} |`);
  console.log(`\nsuite ÷ mock capacity: ${(ratio * 100).toFixed(1)}% (target ≥ 30%: ${ratio >= 0.3 ? 'met' : 'NOT met'})`);
} finally {
  mock.stop();
}
