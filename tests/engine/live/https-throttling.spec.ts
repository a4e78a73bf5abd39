import { test, expect } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMock } from '../../../src/mock/index.ts';
import type { ConformanceReport } from '../../../src/engine/report/report-types.ts';
import { MOCK_ENV, writeMockTarget } from '../../_helpers/mock-target.ts';
import { selfSignedCert } from '../../_helpers/self-signed-cert.ts';

// Issue 5, done when: a run against the mock in strict https mode with throttling passes with zero
// failures; both with AK/SK and with an IAM token. End to end through the CLI.

const bin = join(process.cwd(), 'bin/conformance.mjs');

/** Runs the CLI without blocking: the mock answering it lives in this process. */
async function runCli(args: string[], env: Record<string, string>) {
  const reportDir = mkdtempSync(join(tmpdir(), 'live-report-'));
  const child = spawn(process.execPath, [bin, 'run', ...args, '--report-dir', reportDir], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.resume();
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  const report = JSON.parse(readFileSync(join(reportDir, 'conformance.json'), 'utf8')) as ConformanceReport;
  return { code, report, stdout };
}

test('strict HTTPS with throttling and AK/SK: zero failures, throttling seen and documented', async () => {
  // Arrange
  const tls = selfSignedCert();
  const mock = await startMock({ tls: { key: tls.key, cert: tls.cert }, throttleEvery: 7, taskDelayMs: 10 });
  try {
    const target = writeMockTarget(mock, (t) => {
      t.huaweicloud.caFile = tls.certFile;
      t.volcengine.caFile = tls.certFile;
      t.huaweicloud.taskPoll = { firstMs: 5, maxIntervalMs: 50 };
    });
    // Act
    const { code, report } = await runCli(['--target', target, '--strict', '--runs', '25', '--seed', '31'], MOCK_ENV);
    // Assert
    expect(report.results.filter((r) => r.status === 'fail').map((r) => `${r.rule}: ${r.failures[0]?.title}`)).toEqual([]);
    expect(report.results.find((r) => r.rule === 'ecs.attach-key-pair.flow-limit')?.status).toBe('pass');
    expect(report.target.endpoints.huaweicloud).toMatch(/^https:/);
    expect(report.restore.filter((r) => !r.restored)).toEqual([]);
    expect(code).toBe(0);
  } finally {
    await mock.close();
  }
});

test('strict HTTPS with an IAM token for Huawei: zero failures; the AK/SK-only rules are skipped with why', async () => {
  // Arrange
  const tls = selfSignedCert();
  const token = `iam-token-${Date.now()}`;
  const mock = await startMock({
    tls: { key: tls.key, cert: tls.cert },
    taskDelayMs: 10,
    credentials: {
      huawei: { accessKey: 'unused-ak', secretKey: 'unused-sk', tokens: [token] },
      volcengine: { accessKey: MOCK_ENV.MOCK_VOLC_AK!, secretKey: MOCK_ENV.MOCK_VOLC_SK! },
    },
  });
  try {
    const target = writeMockTarget(mock, (t) => {
      t.huaweicloud.auth = { tokenEnv: 'TEST_HWC_TOKEN' };
      t.huaweicloud.caFile = tls.certFile;
      t.volcengine.caFile = tls.certFile;
      t.huaweicloud.taskPoll = { firstMs: 5, maxIntervalMs: 50 };
    });
    // Act
    const { code, report } = await runCli(['--target', target, '--only', 'huaweicloud', '--strict', '--runs', '20', '--seed', '32'], {
      ...MOCK_ENV,
      TEST_HWC_TOKEN: token,
    });
    // Assert
    expect(report.results.filter((r) => r.status === 'fail').map((r) => r.rule)).toEqual([]);
    const skipped = Object.fromEntries(report.results.filter((r) => r.status === 'skipped').map((r) => [r.rule, r.reason]));
    expect(skipped['kps.auth.bad-signature']).toMatch(/token/);
    expect(skipped['kps.auth.stale-date']).toMatch(/token/);
    expect(report.results.find((r) => r.rule === 'kps.auth.required')?.status).toBe('pass');
    expect(code).toBe(0);
  } finally {
    await mock.close();
  }
});
