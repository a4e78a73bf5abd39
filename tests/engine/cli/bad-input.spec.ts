import { expect, test } from '@playwright/test';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { childEnv, REPO, runCli } from '../reports/_helpers/run-cli.ts';

// Each bad input issue 14 names: exit 2 and one line that names the thing and the fix, within seconds, no
// stack trace, nothing left running (runCli fails a command that does not end in time).

const dir = mkdtempSync(join(tmpdir(), 'bad-input-'));
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A target file in the temporary folder, written from `doc`. */
function targetFile(name: string, doc: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(doc));
  return path;
}

const volcengine = {
  endpoint: 'http://127.0.0.1:9',
  region: 'cn-beijing',
  auth: { akEnv: 'MOCK_VOLC_AK', skEnv: 'MOCK_VOLC_SK' },
  fixtures: { keyPairs: [{ name: 'k', id: 'kp-1' }] },
};
const aFile = join(dir, 'a-file');
writeFileSync(aFile, 'not a folder');

const cases: { what: string; args: () => string[]; line: RegExp }[] = [
  {
    what: '--report-dir naming a file',
    args: () => ['run', '--report-dir', aFile],
    line: /^conformance run: --report-dir .*a-file is a file, not a folder\. Name a folder \(it is created if missing\)\.$/,
  },
  {
    what: '--shard 3/2',
    args: () => ['run', '--shard', '3/2'],
    line: /^conformance run: --shard 3\/2 is not I\/N with 1 ≤ I ≤ N \(for example --shard 1\/2 and --shard 2\/2\)\.$/,
  },
  { what: '--shard 0/2', args: () => ['sdk', '--harness', 'x', '--shard', '0/2'], line: /^conformance sdk: --shard 0\/2 is not I\/N/ },
  {
    what: 'an unknown --reporter',
    args: () => ['run', '--reporter', 'github,tap'],
    line: /^conformance run: --reporter github,tap names an unknown reporter "tap"\. Use one or more of github, sarif, comma-separated\.$/,
  },
  {
    what: '--seed with --replay',
    args: () => ['run', '--replay', dir, '--seed', '4'],
    line: /^conformance run: --seed does not go with --replay: a replay judges the recorded cases, with the recording's own seed\. Drop --seed\.$/,
  },
  {
    what: 'a misspelt member',
    args: () => ['run', '--target', targetFile('endpiont.json', { name: 'x', volcengine: { ...volcengine, endpoint: undefined, endpiont: 'http://h' } })],
    line: /: volcengine\.endpiont is not a member volcengine has \(endpoint, region, auth, caFile, fixtures\); did you mean "endpoint"\?/,
  },
  {
    what: 'an unknown cloud',
    args: () => ['run', '--target', targetFile('cloud.json', { name: 'x', volcengine, aliyun: {} })],
    line: /: "aliyun" is not a cloud or setting this suite knows \(name, huaweicloud, volcengine, safety\)\. See docs\/DESIGN\.md/,
  },
  {
    what: 'an example target file, not filled in',
    args: () => ['run', '--target', 'targets/huaweicloud.example.json'],
    line: /^target file .*huaweicloud\.example\.json: huaweicloud\.projectId is still the example's placeholder "replace-with-your-32-character-project-id"\. Put your own account's value there/,
  },
  {
    what: 'plan with an unknown --only',
    args: () => ['plan', '--target', 'targets/reference-mock.json', '--only', 'aws'],
    line: /^conformance plan: --only aws is not a cloud\. Use huaweicloud or volcengine\.$/,
  },
];

for (const c of cases) {
  test(`${c.what}: exit 2, one line, in seconds`, async () => {
    const run = await runCli(c.args(), childEnv(), 20_000);
    expect(run.code, run.stderr).toBe(2);
    const lines = run.stderr.trim().split('\n');
    expect(lines, run.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(c.line);
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(run.ms).toBeLessThan(15_000);
  });
}

test("plan reads no credentials: the mock's own target file plans with none set, and prints the seed run would need", async () => {
  const run = await runCli(['plan', '--target', 'targets/reference-mock.json', '--only', 'volcengine', '--runs', '2'], childEnv());
  expect(run.code, run.stderr).toBe(0);
  expect(run.stdout).toMatch(/^seed (\d+): npx conformance run --target targets\/reference-mock\.json --seed \1 --runs 2 sends these cases\.$/m);
});

test("the caller's CONFORMANCE_* variables change nothing: CONFORMANCE_ADAPTER does not make run an SDK run", async () => {
  const reportDir = join(dir, 'internal-vars');
  const env = childEnv({
    CONFORMANCE_ADAPTER: join(dir, 'no-such-adapter.ts'),
    CONFORMANCE_RUN_SETTINGS: '{"targetFile":"/nowhere"}',
    CONFORMANCE_STRICT: '1',
  });
  const run = await runCli(['run', '--only', 'volcengine', '--runs', '3', '--seed', '2', '--report-dir', reportDir], env);
  expect(run.code, run.stderr).toBe(0);
  const report = JSON.parse(readFileSync(join(reportDir, 'conformance.json'), 'utf8')) as { strict: boolean; results: { rule: string; reason?: string }[] };
  expect(report.strict).toBe(false);
  expect(report.results.find((r) => r.rule === 'client.signature')?.reason).toMatch(/^a client rule/);
  // --only: the header counts the rules this part runs, and the table folds the others into one line.
  // (The client rules are listed as skipped: a server run has no client; they are not among the rules run.)
  const elsewhere = report.results.filter((r) => r.reason?.startsWith('not run in this part')).length;
  const clientRules = report.results.filter((r) => r.reason?.startsWith('a client rule')).length;
  expect(run.stderr).toContain(`${report.results.length - elsewhere - clientRules} rules (--only volcengine)`);
  expect(run.stdout).toMatch(new RegExp(`^${elsewhere} more rules are not run in this part of the run \\(--only volcengine\\)\\.$`, 'm'));
});

test('a new run removes the failures of an old one from the report dir, so replay cannot replay last week', async () => {
  const reportDir = join(dir, 'old-failures');
  mkdirSync(join(reportDir, 'failures'), { recursive: true });
  writeFileSync(join(reportDir, 'failures', 'kps.associate.task-id#1.json'), '{}');
  const run = await runCli(['run', '--only', 'huaweicloud', '--runs', '3', '--report-dir', reportDir]);
  expect(run.code, run.stderr).toBe(0);
  expect(existsSync(join(reportDir, 'failures', 'kps.associate.task-id#1.json'))).toBe(false);
});

test("--version prints the package's version", async () => {
  const { version } = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string };
  for (const flag of ['--version', '-V']) {
    const run = await runCli([flag], childEnv(), 20_000);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.trim()).toBe(version);
  }
});
