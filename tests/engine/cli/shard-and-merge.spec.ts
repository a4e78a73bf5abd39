import { test, expect } from '@playwright/test';
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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
    for (const shard of ['1/2', '2/2'])
      codes.push(await cli(['run', '--target', target, '--runs', '10', '--seed', '5', '--shard', shard, '--report-dir', join(dir, shard.replace('/', '-'))]));
    // The seed, runs and target come from the shards' own reports: nothing to type twice, or wrongly.
    const merged = await cli(['merge', join(dir, '1-2'), join(dir, '2-2'), '--report-dir', join(dir, 'merged')]);
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
    expect({ seed: report.seed, runs: report.runs, target: report.target }).toEqual({ seed: 5, runs: 10, target: shard1.target });

    // A shard of another run (here: its report says seed 6) is refused, naming the shard and what differs.
    const other = join(dir, 'other');
    cpSync(join(dir, '2-2'), other, { recursive: true });
    writeFileSync(join(other, 'conformance.json'), JSON.stringify({ ...JSON.parse(readFileSync(join(other, 'conformance.json'), 'utf8')), seed: 6 }));
    const refused = await cliOutput(['merge', join(dir, '1-2'), other, '--report-dir', join(dir, 'refused')]);
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim()).toBe(
      `conformance merge: ${other} is a shard of another run (seed 6, not 5 as in ${join(dir, '1-2')}). Merge the shards of one run.`,
    );
  } finally {
    await mock.close();
  }
});

/** Runs the CLI and collects its exit code and stderr. */
function cliOutput(args: string[]): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, ...MOCK_ENV }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stderr })));
}

const badMerges: [string, string[], string][] = [
  ["a --seed (it is the shards' own)", ['merge', 'somewhere', '--seed', '5'], "conformance merge: --seed is taken from the shards' own reports. Drop --seed."],
  [
    "a --target (it is the shards' own)",
    ['merge', 'somewhere', '--target', 'targets/reference-mock.json'],
    "conformance merge: --target is taken from the shards' own reports. Drop --target.",
  ],
  ['no shard', ['merge'], "conformance merge: name the shards' report dirs (each with conformance.json and a blob/ folder)."],
  ['a dir that is no shard', ['merge', 'targets'], 'conformance merge: targets has no blob/ folder. Run each shard with --shard I/N --report-dir targets.'],
];

for (const [what, args, message] of badMerges) {
  test(`merge with ${what} is bad usage, in one line`, async () => {
    const { code, stderr } = await cliOutput(args);
    expect(code).toBe(2);
    expect(stderr.trim()).toBe(message);
  });
}
