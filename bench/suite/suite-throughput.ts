// Issue 4, point 8 and issue 16: the suite's own request rate beside the mock's raw capacity, measured
// in the same run. The mock runs in a child process (`conformance mock`); autocannon measures what it
// can serve; then this process runs both clouds' plans against it, as a conformance run does, and counts.
// Then a live-sized run (`conformance run` against `conformance mock --profile live-sized`, tasks of
// 1-3 s) beside the same run with instant tasks (--task-delay-ms 0): what slow tasks cost a run.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { DEFAULT_CREDENTIALS, mockCredentialEnv } from '../../src/mock/index.ts';
import { runCloud } from '../../src/engine/run/run-cloud.ts';
import { loadTargetFile } from '../../src/engine/target/load-target-file.ts';
import { volcengineHmacSha256 } from '../../src/signing/index.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const env = { ...process.env, ...mockCredentialEnv() };

async function startMockChild(args: readonly string[] = ['--task-delay-ms', '20']): Promise<{ url: string; targetFile: string; stop: () => void }> {
  const targetFile = join(tmpdir(), `bench-suite-target-${process.pid}-${Date.now()}.json`);
  const child = spawn(process.execPath, ['bin/conformance.mjs', 'mock', '--port', '0', ...args, '--write-target', targetFile], {
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

/**
 * Wall time of `conformance run --seed 7` against a live-sized mock child, as a user runs it (Playwright,
 * workers, the report, the final restore), with the mock's tasks as `taskArgs` make them.
 */
async function liveSizedRun(taskArgs: readonly string[]): Promise<{ seconds: number; code: number | null }> {
  const mock = await startMockChild(['--profile', 'live-sized', ...taskArgs]);
  const reportDir = mkdtempSync(join(tmpdir(), 'bench-live-sized-'));
  try {
    const started = performance.now();
    const code = await new Promise<number | null>((resolve) => {
      const run = spawn(
        process.execPath,
        ['bin/conformance.mjs', 'run', '--target', mock.targetFile, '--seed', '7', '--concurrency', '8', '--report-dir', reportDir],
        {
          env,
          stdio: 'ignore',
        },
      );
      run.on('exit', resolve);
    });
    return { seconds: (performance.now() - started) / 1000, code };
  } finally {
    mock.stop();
    rmSync(reportDir, { recursive: true, force: true });
  }
}

/** Both clouds' plans at --runs 200 against a fresh mock child, at once as a run's two workers do them. */
async function suiteRun(concurrency: number | undefined): Promise<{ requests: number; seconds: number }> {
  const mock = await startMockChild();
  try {
    const target = loadTargetFile(mock.targetFile, env);
    const started = performance.now();
    const runs = await Promise.all(
      (['huaweicloud', 'volcengine'] as const).map((cloud) => runCloud(cloud, target, { seed: 1, runs: 200, restore: false, concurrency })),
    );
    return { requests: runs.reduce((n, r) => n + r.requests, 0), seconds: (performance.now() - started) / 1000 };
  } finally {
    mock.stop();
  }
}

const mock = await startMockChild();
let capacity: number;
try {
  capacity = await mockCapacity(mock.url);
} finally {
  mock.stop();
}
const parallel = await suiteRun(8);
const serial = await suiteRun(1);
const suiteRate = parallel.requests / parallel.seconds;
const ratio = suiteRate / capacity;
console.log('\n## The suite beside the mock (same run)\n');
console.log('| measure | req/s |');
console.log('|---|---:|');
console.log(`| mock raw capacity (autocannon, 50 connections, signed AttachKeyPair) | ${Math.round(capacity).toLocaleString('en')} |`);
for (const [name, r] of [
  ['parallel (--concurrency 8)', parallel],
  ['serial (concurrency 1)', serial],
] as const)
  console.log(
    `| suite, ${name}, both clouds' plans at --runs 200 (${r.requests} requests in ${r.seconds.toFixed(1)} s) | ${Math.round(r.requests / r.seconds).toLocaleString('en')} |`,
  );
console.log(`\nsuite ÷ mock capacity: ${(ratio * 100).toFixed(1)}% (target ≥ 30%: ${ratio >= 0.3 ? 'met' : 'NOT met'})`);

// The live-sized run: tasks of 1-3 s (the profile's), then instant ones. Exit 0 or 1 is a run that
// reached its verdicts; anything else is reported, as the ratio would mean nothing.
const slow = await liveSizedRun([]);
const instant = await liveSizedRun(['--task-delay-ms', '0']);
const liveRatio = slow.seconds / instant.seconds;
console.log('\n## A live-sized run, slow tasks beside instant ones (same run)\n');
console.log('| `conformance run --seed 7` against `conformance mock --profile live-sized` | wall (s) | exit |');
console.log('|---|---:|---:|');
console.log(`| tasks of 1-3 s (the profile's) | ${slow.seconds.toFixed(1)} | ${slow.code} |`);
console.log(`| instant tasks (--task-delay-ms 0) | ${instant.seconds.toFixed(1)} | ${instant.code} |`);
const ran = [slow, instant].every((r) => r.code === 0 || r.code === 1);
console.log(
  `\nlive-sized, 1-3 s tasks ÷ instant tasks: ${liveRatio.toFixed(1)}× (target ≤ 2×: ${ran && liveRatio <= 2 ? 'met' : 'NOT met'})${ran ? '' : ' (a run did not finish)'}`,
);
