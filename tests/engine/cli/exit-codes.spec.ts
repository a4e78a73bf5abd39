import { expect, test } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMock } from '../../../src/mock/index.ts';
import type { ConformanceReport } from '../../../src/engine/report/report-types.ts';
import { writeMockTarget } from '../../_helpers/mock-target.ts';
import { BIN, childEnv, REPO, runCli } from '../reports/_helpers/run-cli.ts';

// Exit 3 is "no verdict": an interrupted run says so in its report and page, and leaves nothing running.
// And the next steps the CLI prints work as printed.

const dir = mkdtempSync(join(tmpdir(), 'exit-codes-'));
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** True while any process of the group `pgid` is alive. */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

test('Ctrl-C: the run stops, its report is marked interrupted (exit 3), the page says so, nothing is left running', async () => {
  test.setTimeout(90_000);
  // Tasks of 3 s keep the Huawei plan busy long enough to interrupt it half-way.
  const mock = await startMock({ taskDelayMs: 3000 });
  const reportDir = join(dir, 'interrupted');
  try {
    const child = spawn(process.execPath, [BIN, 'run', '--target', writeMockTarget(mock), '--runs', '5', '--report-dir', reportDir], {
      cwd: REPO,
      env: childEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.stdout.resume();
    await expect.poll(() => stderr, { timeout: 30_000 }).toMatch(/Checking .* rules/);
    await new Promise((r) => setTimeout(r, 2500));
    const stoppedAt = Date.now();
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code, stderr).toBe(3);
    expect(Date.now() - stoppedAt).toBeLessThan(20_000);
    await expect.poll(() => groupAlive(child.pid!), { timeout: 10_000, message: 'Playwright and its workers are gone' }).toBe(false);
    const report = JSON.parse(readFileSync(join(reportDir, 'conformance.json'), 'utf8')) as ConformanceReport;
    expect(report.outcome).toBe('interrupted');
    expect(report.exitCode).toBe(3);
    expect(report.couldNotRun?.[0]?.reason).toMatch(/^the run was interrupted/);
    // Interrupted is not a failure: no rule fails for what the run did not get to.
    expect(report.results.filter((r) => r.status === 'fail' && r.reason?.includes('did not decide'))).toEqual([]);
    expect(stderr).toMatch(/could not run: the run was interrupted/);
    expect(readFileSync(join(reportDir, 'summary.html'), 'utf8')).toContain('Interrupted');
  } finally {
    await mock.close();
  }
});

test('conformance mock prints a next step that runs as printed, with no credential variables set', async () => {
  test.setTimeout(90_000);
  const child = spawn(process.execPath, [BIN, 'mock', '--port', '0'], { cwd: REPO, env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  try {
    await expect.poll(() => stdout, { timeout: 20_000 }).toMatch(/\(npx conformance run --target \S+\)/);
    const nextStep = /\(npx conformance (run --target \S+)\)/.exec(stdout)![1]!.split(' ');
    const run = await runCli([...nextStep, '--runs', '3', '--only', 'volcengine', '--report-dir', join(dir, 'next-step')]);
    expect(run.code, run.stderr).toBe(0);
  } finally {
    process.kill(-child.pid!, 'SIGTERM');
  }
});

test("--replay reports the recording's seed, not a new random one", async () => {
  test.setTimeout(90_000);
  const tapes = join(dir, 'tapes');
  const recorded = await runCli(['run', '--only', 'volcengine', '--runs', '3', '--seed', '4242', '--record', tapes, '--report-dir', join(dir, 'recorded')]);
  expect(recorded.code, recorded.stderr).toBe(0);
  const replayed = await runCli(['run', '--replay', tapes, '--report-dir', join(dir, 'replayed')]);
  expect(replayed.code, replayed.stderr).toBe(0);
  expect(replayed.stderr).toContain('seed 4242 · 3 runs per property');
  expect((JSON.parse(readFileSync(join(dir, 'replayed', 'conformance.json'), 'utf8')) as ConformanceReport).seed).toBe(4242);
});
