import { test, expect } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConformanceReport } from '../../src/engine/report/report-types.ts';

// npx conformance sdk --adapter FILE: the same reports and exit codes as run.

function sdk(args: string[]): Promise<{ code: number | null; stderr: string; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'sdk-report-'));
  const child = spawn(process.execPath, ['bin/conformance.mjs', 'sdk', ...args, '--report-dir', dir], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stderr, dir })));
}

test('a conforming SDK against the embedded mock: exit 0, its cloud decided, the other skipped as not covered', async () => {
  const { code, dir } = await sdk(['--adapter', 'src/sdk/adapters/volcengine-openapi.ts', '--runs', '10', '--seed', '4']);
  const report = JSON.parse(readFileSync(join(dir, 'conformance.json'), 'utf8')) as ConformanceReport;
  expect(code).toBe(0);
  expect(report.results.find((r) => r.rule === 'ecs.attach-key-pair.one-detail-per-instance')?.status).toBe('pass');
  expect(report.results.find((r) => r.rule === 'kps.associate.task-id')?.reason).toMatch(/has no function for huaweicloud's operations/);
});

test('the Huawei SDK: exit 1, naming kps.error-shape (it does not parse the nested error body)', async () => {
  const { code, dir } = await sdk(['--adapter', 'src/sdk/adapters/huaweicloud-sdk-core.ts', '--runs', '10', '--seed', '4']);
  const report = JSON.parse(readFileSync(join(dir, 'conformance.json'), 'utf8')) as ConformanceReport;
  expect(report.results.filter((r) => r.status === 'fail').map((r) => r.rule)).toEqual(['kps.error-shape']);
  expect(code).toBe(1);
});

test('a broken adapter: exit 1, naming the rule it breaks', async () => {
  const { code, dir } = await sdk(['--adapter', 'tests/sdk/_fixtures/drops-second-instance-id.adapter.ts', '--runs', '10', '--seed', '4']);
  const report = JSON.parse(readFileSync(join(dir, 'conformance.json'), 'utf8')) as ConformanceReport;
  expect(report.results.find((r) => r.rule === 'ecs.attach-key-pair.one-detail-per-instance')?.status).toBe('fail');
  expect(code).toBe(1);
});

test('no adapter: exit 2 with one line', async () => {
  const { code, stderr } = await sdk([]);
  expect(code).toBe(2);
  expect(stderr.trim()).toBe('conformance sdk: --adapter FILE is needed: the module that calls the SDK (docs/sdk.md).');
});
