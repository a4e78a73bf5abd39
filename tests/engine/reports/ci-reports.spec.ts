import { expect, test as base } from '@playwright/test';
import { join } from 'node:path';
import { jobSummaryMarkdown } from '../../../src/engine/report/job-summary-markdown.ts';
import type { ConformanceReport } from '../../../src/engine/report/report-types.ts';
import { sarifLog } from '../../../src/engine/report/sarif.ts';
import { DEFAULT_CREDENTIALS } from '../../../src/mock/index.ts';
import { RULES } from '../../../src/rules/rules.ts';
import { readReport } from './_helpers/read-report.ts';
import { childEnv, runCli } from './_helpers/run-cli.ts';
import { mockCredentialEnv, startTempMock, tempDir } from './_helpers/temp-mock.ts';

// The CI reports (the GitHub job summary, SARIF) from a real report: one run of a mock that breaks a
// must rule and a should rule (the two faults together also fail a third rule), so both levels and
// --strict show. Reports with no verdict, with fixtures
// left changed, or with hundreds of failures are that report changed by hand.

const MUST = 'kps.batch-associate.max-10';
const SHOULD = 'kps.associate.request-id';

const test = base.extend<object, { report: ConformanceReport }>({
  report: [
    async ({}, use) => {
      const dir = tempDir('ci-reports');
      const mock = await startTempMock(dir.path, [MUST, SHOULD], { credentials: DEFAULT_CREDENTIALS });
      try {
        const reportDir = join(dir.path, 'report');
        const run = await runCli(['run', '--target', mock.targetFile, '--runs', '20', '--seed', '5', '--report-dir', reportDir], childEnv(mockCredentialEnv()));
        if (run.code !== 1) throw new Error(`faulted run exited ${run.code}, not 1:\n${run.stdout}\n${run.stderr}`);
        await use(readReport(reportDir, run));
      } finally {
        await mock.close();
        dir.rm();
      }
    },
    { scope: 'worker', timeout: 85_000 },
  ],
});

test.describe.configure({ mode: 'default', timeout: 90_000 });

const secrets = [DEFAULT_CREDENTIALS.huawei.secretKey, DEFAULT_CREDENTIALS.volcengine.secretKey, ...(DEFAULT_CREDENTIALS.huawei.tokens ?? [])];

/** The rows of the "What broke" table: status, level, rule, first failure, replay (code spans unwrapped). */
function brokeRows(markdown: string): string[][] {
  const table = markdown.split('#### What broke')[1]?.split('\n\n')[1] ?? '';
  return table
    .split('\n')
    .slice(2)
    .filter((l) => l.startsWith('|'))
    .map((l) => l.slice(1, -1).split(/(?<!\\)\|/).map((c) => c.trim().replace(/^`+ ?| ?`+$/g, '')));
}

test('the job summary: outcome, counts, each failing rule with its replay command, undecided rules by reason', ({ report }) => {
  // Arrange
  const failing = report.results.filter((r) => r.status === 'fail');
  expect(failing.map((r) => r.rule)).toEqual(expect.arrayContaining([MUST, SHOULD]));
  const s = report.summary;

  // Act
  const markdown = jobSummaryMarkdown(report);

  // Assert
  const lines = markdown.split('\n');
  expect(lines[0]).toBe(`### ❌ Does not conform: ${report.target.name}`);
  expect(markdown).toContain(`${RULES.length} rules: **${s.pass} passed**, **${s.fail} failed** (${s.failedMust} must, ${s.failedConflict} conflict, ${s.failedShould} should), ${s.skipped} skipped`);
  expect([s.fail, s.failedMust, s.failedShould]).toEqual([failing.length, failing.filter((r) => r.level === 'must').length, failing.filter((r) => r.level === 'should').length]);
  expect(s.failedShould).toBeGreaterThan(0);
  expect(markdown).toContain(`seed ${report.seed}`);
  expect(markdown).toContain('exit 1');
  // every failing rule once, must before should; should without --strict is a warning
  const rows = brokeRows(markdown);
  expect(rows.map((r) => r[2]).sort()).toEqual(failing.map((r) => r.rule).sort());
  const rank = { must: 0, conflict: 0, should: 1 } as const;
  const ranks = rows.map((r) => rank[r[1] as keyof typeof rank]);
  expect(ranks).toEqual([...ranks].sort());
  expect(rows.find((r) => r[2] === MUST)!.slice(0, 2)).toEqual(['fail', 'must']);
  expect(rows.find((r) => r[2] === SHOULD)!.slice(0, 2)).toEqual(['warning', 'should']);
  for (const row of rows) {
    const verdict = failing.find((r) => r.rule === row[2])!;
    expect(row[3]).toBe(verdict.failures[0]!.title.replace(/[\\`*_[\]|]/g, '\\$&'));
    expect(row[4]).toBe(verdict.failures[0]!.replay);
    expect(row[4]).toMatch(new RegExp(`^npx conformance replay ${verdict.rule.replace(/\./g, '\\.')}#1 `));
  }
  // undecided, one line per reason, counts adding up to the skipped total
  const undecided = lines.filter((l) => /^- \*\*\d+\*\* rules?: /.test(l));
  const reasons = new Set(report.results.filter((r) => r.status === 'skipped').map((r) => r.reason));
  expect(undecided).toHaveLength(reasons.size);
  expect(undecided.reduce((n, l) => n + Number(/\*\*(\d+)\*\*/.exec(l)![1]), 0)).toBe(s.skipped);
  expect(markdown).toContain('`client.signature`');
  // nothing to say is not said
  expect(markdown).not.toContain('#### Not restored');
  expect(markdown).not.toContain('#### Could not run');
  for (const secret of secrets) expect(markdown).not.toContain(secret);
});

test('the job summary of a run with no verdict and fixtures left changed says why and which', ({ report }) => {
  // Arrange
  const changed: ConformanceReport = {
    ...report,
    results: report.results.map((r) => (r.status === 'fail' ? { ...r, status: 'pass', failures: [] } : r)),
    outcome: 'could-not-run',
    exitCode: 3,
    couldNotRun: [{ cloud: 'volcengine', reason: 'connect ECONNREFUSED on every request' }, { reason: 'interrupted | by SIGINT' }],
    restore: [
      { resource: 'huaweicloud server 7d1c0a2e', restored: false, detail: 'DisassociateKeypair task FAILED' },
      { resource: 'huaweicloud server 19b4f3c0', restored: true, detail: 'unbound' },
    ],
  };

  // Act
  const markdown = jobSummaryMarkdown(changed);

  // Assert
  expect(markdown.split('\n')[0]).toBe(`### ⚠️ Could not run: ${report.target.name}`);
  expect(markdown).toContain('#### Could not run\n\n- **volcengine**: connect ECONNREFUSED on every request\n- **the whole run**: interrupted \\| by SIGINT\n');
  expect(markdown).toContain('#### Not restored\n\nThe run changed these fixtures and could not put them back (1 of 2):\n\n- `huaweicloud server 7d1c0a2e`: DisassociateKeypair task FAILED\n');
  expect(markdown).not.toContain('19b4f3c0');
  expect(markdown).not.toContain('#### What broke');
});

test('the job summary stays short: long lists are capped and say how many were left out', ({ report }) => {
  // Arrange: 60 rules failing 50 times with long titles, the rest skipped for one reason, 500 fixtures left changed
  const failure = report.results.find((r) => r.rule === MUST)!.failures[0]!;
  const huge: ConformanceReport = {
    ...report,
    results: report.results.map((r, i) =>
      i < 60
        ? { ...r, status: 'fail', failures: Array.from({ length: 50 }, () => ({ ...failure, title: 'x'.repeat(5000) })) }
        : { ...r, status: 'skipped', reason: 'safety.allowMutations is false: binds are not sent', failures: [] },
    ),
    restore: Array.from({ length: 500 }, (_, i) => ({ resource: `server ${i}`, restored: false, detail: 'y'.repeat(5000) })),
  };
  const skipped = RULES.length - 60;

  // Act
  const markdown = jobSummaryMarkdown(huge);

  // Assert
  expect(Buffer.byteLength(markdown)).toBeLessThan(64 * 1024);
  expect(brokeRows(markdown)).toHaveLength(40);
  expect(brokeRows(markdown)[0]![3]).toHaveLength(240);
  expect(markdown).toContain('…and 20 more failing rules (see summary.html or conformance.json).');
  const undecided = markdown.split('\n').filter((l) => l.startsWith('- **'));
  expect(undecided).toEqual([expect.stringMatching(new RegExp(`^- \\*\\*${skipped}\\*\\* rules: safety\\.allowMutations is false: binds are not sent \\((\`[^\`]+\`, ){10}and ${skipped - 10} more\\)$`))]);
  expect(markdown).toContain('…and 470 more fixtures (see summary.html or conformance.json).');
  expect(markdown).toContain('(500 of 500)');
});

test('SARIF 2.1.0: one rule per catalogue rule, one result per failing rule, levels by rule level and --strict', ({ report }) => {
  // Act
  const log = sarifLog(report);
  const strict = sarifLog({ ...report, strict: true });

  // Assert
  expect(JSON.parse(JSON.stringify(log))).toEqual(log); // plain JSON
  expect(log.version).toBe('2.1.0');
  expect(log.$schema).toMatch(/sarif-2\.1\.0/);
  expect(log.runs).toHaveLength(1);
  const [run] = log.runs;
  expect(run.tool.driver.name).toBe('keypair-conformance');
  expect(run.tool.driver.rules.map((r) => r.id)).toEqual(RULES.map((r) => r.id));
  for (const rule of RULES) {
    const entry = run.tool.driver.rules.find((r) => r.id === rule.id)!;
    expect({ text: entry.shortDescription.text, level: entry.properties.level }).toEqual({ text: rule.statement, level: rule.level });
  }
  const failing = report.results.filter((r) => r.status === 'fail');
  expect(run.results.map((r) => r.ruleId)).toEqual(failing.map((r) => r.rule));
  expect(run.results.map((r) => r.ruleId)).toEqual(expect.arrayContaining([MUST, SHOULD]));
  for (const result of run.results) {
    const verdict = report.results.find((r) => r.rule === result.ruleId)!;
    const first = verdict.failures[0]!;
    expect(run.tool.driver.rules[result.ruleIndex]!.id).toBe(result.ruleId);
    expect(result.message.text).toBe(`${first.title}. Received: ${first.received}. Documented: ${first.documented}.`);
    expect(result.locations[0]!.physicalLocation.artifactLocation.uri).toBe('docs/RULES.md');
    expect(result.properties.replay).toBe(first.replay);
  }
  const levels = (l: typeof log) => Object.fromEntries(l.runs[0].results.map((r) => [r.ruleId, r.level]));
  expect(levels(log)).toEqual(Object.fromEntries(failing.map((r) => [r.rule, r.level === 'should' ? 'warning' : 'error'])));
  expect(levels(log)).toMatchObject({ [MUST]: 'error', [SHOULD]: 'warning' });
  expect(levels(strict)).toEqual(Object.fromEntries(failing.map((r) => [r.rule, 'error'])));
  expect(run.invocations[0]).toEqual({ executionSuccessful: true, exitCode: 1, toolExecutionNotifications: [] });
  for (const secret of secrets) expect(JSON.stringify(log)).not.toContain(secret);
});

test('SARIF of a run that could not run: an unsuccessful invocation that says why, no results', ({ report }) => {
  // Arrange
  const noVerdict: ConformanceReport = {
    ...report,
    results: report.results.map((r) => (r.status === 'fail' ? { ...r, status: 'pass', failures: [] } : r)),
    outcome: 'interrupted',
    exitCode: 3,
    couldNotRun: [{ reason: 'interrupted (SIGINT)' }],
  };

  // Act
  const [run] = sarifLog(noVerdict).runs;

  // Assert
  expect(run.results).toEqual([]);
  expect(run.invocations[0]).toEqual({ executionSuccessful: false, exitCode: 3, toolExecutionNotifications: [{ level: 'error', message: { text: 'the whole run: interrupted (SIGINT)' } }] });
  expect(run.properties.outcome).toBe('interrupted');
});
