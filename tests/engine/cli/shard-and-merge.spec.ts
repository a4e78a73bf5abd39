import { test, expect } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMock } from '../../../src/mock/index.ts';
import { isClientRule, RULES } from '../../../src/rules/rules.ts';
import type { ConformanceReport } from '../../../src/engine/report/report-types.ts';
import { MOCK_ENV, writeMockTarget } from '../../_helpers/mock-target.ts';

// Users split a run across CI machines with --shard i/n and put it back together with
// `npx conformance merge` (Playwright's merge-reports with the suite's reporters).

const bin = join(process.cwd(), 'bin/conformance.mjs');

function cli(args: string[]): Promise<number | null> {
  const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, ...MOCK_ENV }, stdio: 'ignore' });
  return new Promise((resolve) => child.on('exit', resolve));
}

test('two shards merge into one report with every rule, the same verdicts as one run', async () => {
  test.setTimeout(120_000);
  // Arrange
  const mock = await startMock({ taskDelayMs: 10 });
  const target = writeMockTarget(mock);
  const dir = mkdtempSync(join(tmpdir(), 'shards-'));
  try {
    // Act
    const codes = [];
    for (const shard of ['1/2', '2/2']) codes.push(await cli(['run', '--target', target, '--runs', '10', '--seed', '5', '--shard', shard, '--report-dir', join(dir, shard.replace('/', '-'))]));
    const merged = await cli(['merge', join(dir, '1-2'), join(dir, '2-2'), '--target', target, '--seed', '5', '--report-dir', join(dir, 'merged')]);
    // Assert
    expect(codes).toEqual([0, 0]);
    expect(merged).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'merged', 'conformance.json'), 'utf8')) as ConformanceReport;
    expect(report.results.map((r) => r.rule)).toEqual(RULES.map((r) => r.id));
    expect(report.results.filter((r) => r.status === 'fail')).toEqual([]);
    // A server run leaves only flow-limit undecided, besides the client rules (no client under test).
    expect(report.results.filter((r) => r.status === 'skipped' && !isClientRule(r.rule)).map((r) => r.rule)).toEqual(['ecs.attach-key-pair.flow-limit']);
    expect(report.requests).toBeGreaterThan(100);
    const shard1 = JSON.parse(readFileSync(join(dir, '1-2', 'conformance.json'), 'utf8')) as ConformanceReport;
    expect(shard1.partial).toBe('--shard 1/2');
  } finally {
    await mock.close();
  }
});

test('merge without the shards\' seed is bad usage, in one line', async () => {
  const child = spawn(process.execPath, [bin, 'merge', 'somewhere', '--target', 'targets/reference-mock.json'], { env: { ...process.env, ...MOCK_ENV }, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const code = await new Promise((resolve) => child.on('exit', resolve));
  expect(code).toBe(2);
  expect(err.trim()).toBe('conformance merge: --seed N is needed (the seed the shards ran with).');
});
