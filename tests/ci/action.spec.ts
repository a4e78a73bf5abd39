import { expect, test } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { childEnv } from '../engine/reports/_helpers/run-cli.ts';

// The composite action (action.yml) as GitHub runs it: its one script, with the INPUT_* variables GitHub
// sets from `with:`, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files; and the nightly workflow, which must use it.

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const SCRIPT = join(REPO, '.github/action/run-conformance.sh');

interface ActionFile {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, unknown>;
  runs: { using: string; steps: { run?: string; env?: Record<string, string> }[] };
}
const action = parse(readFileSync(join(REPO, 'action.yml'), 'utf8')) as ActionFile;

interface Step {
  code: number | null;
  outputs: Record<string, string>;
  summary: string;
  stdout: string;
  stderr: string;
}

/** Runs the action's script in `cwd` with the action's defaults overridden by `inputs`. */
async function runAction(cwd: string, inputs: Record<string, string>): Promise<Step> {
  const outputFile = join(cwd, `output-${Date.now()}`);
  const summaryFile = join(cwd, `summary-${Date.now()}`);
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const env = childEnv({ GITHUB_OUTPUT: outputFile, GITHUB_STEP_SUMMARY: summaryFile, SUITE_BIN: join(REPO, 'bin/conformance.mjs') });
  for (const [name, spec] of Object.entries(action.inputs)) env[`INPUT_${name.toUpperCase().replace(/-/g, '_')}`] = inputs[name] ?? spec.default ?? '';
  const child = spawn('bash', [SCRIPT], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const outputs = Object.fromEntries(
    readFileSync(outputFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
  return { code, outputs, summary: readFileSync(summaryFile, 'utf8'), stdout, stderr };
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

test('action.yml is a composite action with inputs for target, seed, shard and reporter, run by its script', () => {
  expect(action.runs.using).toBe('composite');
  for (const input of ['command', 'target', 'seed', 'shard', 'reporter', 'report-dir', 'fail-on']) expect(Object.keys(action.inputs)).toContain(input);
  expect(Object.keys(action.outputs).sort()).toEqual(['exit-code', 'outcome', 'report-dir']);
  const step = action.runs.steps.find((s) => s.run?.includes('run-conformance.sh'));
  expect(step, 'a step runs .github/action/run-conformance.sh').toBeDefined();
  // Every input reaches the script under the name it reads.
  for (const name of Object.keys(action.inputs)) expect(step!.env?.[`INPUT_${name.toUpperCase().replace(/-/g, '_')}`]).toBe(`\${{ inputs.${name} }}`);
});

test('the nightly workflow runs the shards and the merge through the action, and diff decides its own warning', () => {
  const workflow = parse(readFileSync(join(REPO, '.github/workflows/nightly-conformance.yml'), 'utf8')) as {
    jobs: Record<string, { steps: { uses?: string; run?: string; with?: Record<string, string> }[] }>;
  };
  const shardStep = workflow.jobs.run!.steps.find((s) => s.uses === './');
  expect(shardStep?.with).toMatchObject({ target: 'targets/live.json', shard: '${{ matrix.shard }}', seed: '${{ needs.seed.outputs.seed }}' });
  const mergeStep = workflow.jobs.merge!.steps.find((s) => s.uses === './');
  expect(mergeStep?.with).toMatchObject({ command: 'merge' });
  const runs = Object.values(workflow.jobs).flatMap((j) => j.steps.map((s) => s.run ?? ''));
  expect(
    runs.filter((r) => /conformance (run|merge)\b/.test(r)),
    'run and merge go through the action',
  ).toEqual([]);
  expect(
    runs.filter((r) => /conformance diff .*\| *tee/.test(r)),
    "a pipe into tee hides diff's exit code",
  ).toEqual([]);
  expect(runs.some((r) => r.includes('npx conformance history'))).toBe(true);
});

test.describe("the action's script", () => {
  test.describe.configure({ timeout: 180_000 });
  let dir = '';
  test.beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'action-'))));
  test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('runs the embedded mock: exit-code 0, outcome conforms, a job summary and annotations', async () => {
    const step = await runAction(dir, { 'report-dir': 'embedded', seed: '7' });
    expect(step.code, step.stderr).toBe(0);
    expect(step.outputs).toEqual({ 'exit-code': '0', outcome: 'conforms' });
    expect(step.summary).toContain('Conforms');
    expect(readFileSync(join(dir, 'embedded', 'job-summary.md'), 'utf8')).toBe(step.summary.trimEnd() + '\n');
  });

  test("two shards and their merge: the merge takes the shards' seed, conforms", async () => {
    for (const shard of ['1/2', '2/2']) {
      const step = await runAction(dir, { seed: '11', shard, 'report-dir': `shard-${shard[0]}`, reporter: '' });
      expect(step.code, step.stderr).toBe(0);
    }
    const merged = await runAction(dir, { command: 'merge', shards: 'shard-*', 'report-dir': 'merged', reporter: 'github,sarif' });
    expect(merged.code, merged.stderr).toBe(0);
    expect(merged.outputs).toEqual({ 'exit-code': '0', outcome: 'conforms' });
    const report = JSON.parse(readFileSync(join(dir, 'merged', 'conformance.json'), 'utf8')) as { seed: number };
    expect(report.seed).toBe(11);
    expect(JSON.parse(readFileSync(join(dir, 'merged', 'conformance.sarif'), 'utf8')).version).toBe('2.1.0');
  });

  test('a target that never answers: exit-code 3, outcome could-not-run; fail-on usage lets the step pass, verdict fails it', async () => {
    const port = await closedPort();
    const target = join(dir, 'closed.json');
    writeFileSync(
      target,
      JSON.stringify({
        name: 'closed',
        volcengine: {
          endpoint: `http://127.0.0.1:${port}`,
          region: 'cn-beijing',
          auth: { akEnv: 'MOCK_VOLC_AK', skEnv: 'MOCK_VOLC_SK' },
          fixtures: { keyPairs: [{ name: 'k', id: 'kp-1' }], instances: { running: ['i-1'] } },
        },
      }),
    );
    const lenient = await runAction(dir, { target, 'report-dir': 'closed', 'fail-on': 'usage' });
    expect(lenient.code, lenient.stderr).toBe(0);
    expect(lenient.outputs).toEqual({ 'exit-code': '3', outcome: 'could-not-run' });
    expect(lenient.stdout).toMatch(/^::error title=could not run volcengine::the target never answered/m);
    const strict = await runAction(dir, { target, 'report-dir': 'closed-2' });
    expect(strict.code).toBe(3);
  });

  test('bad input fails the step whatever fail-on says: exit-code 2, no outcome', async () => {
    const step = await runAction(dir, { target: join(dir, 'missing.json'), 'report-dir': 'missing', 'fail-on': 'usage' });
    expect(step.code).toBe(2);
    expect(step.outputs).toEqual({ 'exit-code': '2', outcome: '' });
    expect(step.stderr.trim()).toMatch(/^target file .*missing\.json: cannot be read \(ENOENT\)/);
  });
});
