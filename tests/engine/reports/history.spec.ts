import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Locator } from '@playwright/test';
import { historyCommand } from '../../../src/cli/commands/history-command.ts';
import { UsageError } from '../../../src/cli/usage-error.ts';
import { historyMatrix } from '../../../src/engine/report/history/history-matrix.ts';
import { readHistory } from '../../../src/engine/report/history/read-history.ts';
import type { ConformanceReport, ReportedFailure, ReportedVerdict, RunOutcome } from '../../../src/engine/report/report-types.ts';
import { expect, test } from './_helpers/system-chromium.ts';

// `conformance history` over hand-written reports: four nights given out of order (an old report
// without `outcome`, a failing night, a night Huawei never answered, a newer failing night).

type Status = ReportedVerdict['status'];
/** rule, level, operation, status, and the skip reason or first failure title. */
type Line = readonly [rule: string, level: ReportedVerdict['level'], operation: string, status: Status, why?: string];

function failure(rule: string, title: string): ReportedFailure {
  return {
    id: `${rule}#1`, title, received: 'r', documented: 'd', documents: { statement: 's', source: 'RULES.md' },
    case: { id: 'case-1', title: 'case', source: 'example', operation: 'op', request: {}, expect: {} },
    request: { method: 'POST', url: 'http://127.0.0.1/x', headers: {} }, seed: 1, shrunk: false, replay: `npx conformance replay ${rule}#1`,
  };
}

function report(o: { startedAt: string; seed: number; outcome?: RunOutcome; exitCode: 0 | 1 | 3; strict?: boolean; lines: readonly Line[]; couldNotRun?: ConformanceReport['couldNotRun'] }): ConformanceReport {
  const results: ReportedVerdict[] = o.lines.map(([rule, level, operation, status, why]) => ({
    rule, level, operation, status, statement: 'statement', source: 'RULES.md', casesRun: status === 'skipped' ? 0 : 3,
    ...(status === 'skipped' ? { reason: why ?? 'skipped' } : {}),
    failures: status === 'fail' ? [failure(rule, why ?? 'failed')] : [],
  }));
  const count = (s: Status) => results.filter((r) => r.status === s).length;
  return {
    tool: 'keypair-conformance', target: { name: 'nightly cloud', file: 'targets/nightly.json', endpoints: {} },
    seed: o.seed, runs: 20, strict: o.strict ?? false, startedAt: o.startedAt, durationMs: 1000, requests: 10,
    summary: { pass: count('pass'), fail: count('fail'), skipped: count('skipped'), failedMust: 0, failedShould: 0, failedConflict: 0 },
    outcome: o.outcome ?? 'conforms', exitCode: o.exitCode, restore: [], results,
    ...(o.couldNotRun ? { couldNotRun: o.couldNotRun } : {}),
  };
}

const TASK = 'kps.associate.task-id';
const REQ = 'kps.associate.request-id';
const AUTH = 'kps.auth.required';
const ENV = 'ecs.envelope';
const VERSION = 'ecs.version';
const MAX = 'ecs.attach-key-pair.max-100';
const NO_FIXTURE = 'the target file lists no fixture for it';
const NO_ANSWER = 'huaweicloud never answered';
const MAX_TITLE = 'accepted 101 <InstanceIds> & "more"';

const NIGHTS = {
  // Written before `outcome` existed: exit code 0 only.
  old: report({ startedAt: '2025-03-01T02:00:00.000Z', seed: 11, exitCode: 0, lines: [[AUTH, 'must', 'kps', 'pass'], [TASK, 'must', 'kps.associate', 'pass'], [REQ, 'should', 'kps.associate', 'pass'], [ENV, 'must', 'ecs', 'skipped', NO_FIXTURE], [MAX, 'must', 'ecs.attach-key-pair', 'pass']] }),
  failing: report({ startedAt: '2025-03-02T02:00:00.000Z', seed: 12, outcome: 'does-not-conform', exitCode: 1, lines: [[AUTH, 'must', 'kps', 'pass'], [TASK, 'must', 'kps.associate', 'fail', 'TaskId missing'], [REQ, 'should', 'kps.associate', 'fail', 'no X-Request-Id'], [ENV, 'must', 'ecs', 'skipped', NO_FIXTURE], [MAX, 'must', 'ecs.attach-key-pair', 'pass']] }),
  silent: report({ startedAt: '2025-03-03T02:00:00.000Z', seed: 13, outcome: 'could-not-run', exitCode: 3, couldNotRun: [{ cloud: 'huaweicloud', reason: 'connect ECONNREFUSED' }], lines: [[AUTH, 'must', 'kps', 'skipped', NO_ANSWER], [TASK, 'must', 'kps.associate', 'skipped', NO_ANSWER], [REQ, 'should', 'kps.associate', 'skipped', NO_ANSWER], [ENV, 'must', 'ecs', 'pass'], [MAX, 'must', 'ecs.attach-key-pair', 'pass']] }),
  newest: report({ startedAt: '2025-03-04T02:00:00.000Z', seed: 14, outcome: 'does-not-conform', exitCode: 1, lines: [[AUTH, 'must', 'kps', 'pass'], [TASK, 'must', 'kps.associate', 'pass'], [REQ, 'should', 'kps.associate', 'pass'], [ENV, 'must', 'ecs', 'pass'], [VERSION, 'should', 'ecs', 'pass'], [MAX, 'must', 'ecs.attach-key-pair', 'fail', MAX_TITLE]] }),
};

interface Fixture {
  readonly root: string;
  /** Positionals in an order that is not the nights' order: dirs, and the old night as a file. */
  readonly args: string[];
}

function writeNights(): Fixture {
  const root = mkdtempSync(join(tmpdir(), 'conf-history-'));
  const write = (name: string, r: ConformanceReport | Omit<ConformanceReport, 'outcome'>) => {
    mkdirSync(join(root, name));
    writeFileSync(join(root, name, 'conformance.json'), JSON.stringify(r, null, 2));
    return join(root, name);
  };
  const { outcome: _dropped, ...old } = NIGHTS.old;
  const oldDir = write('a-old', old);
  const args = [write('d-silent', NIGHTS.silent), join(oldDir, 'conformance.json'), write('b-newest', NIGHTS.newest), write('c-failing', NIGHTS.failing)];
  return { root, args };
}

/** An element's computed text colour (the project compiles without the DOM library, so the window is typed here). */
const colourOf = (locator: Locator): Promise<string> =>
  locator.evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { color: string } }).getComputedStyle(el).color);

let fixture: Fixture;
test.beforeAll(() => {
  fixture = writeNights();
});
test.afterAll(() => rmSync(fixture.root, { recursive: true, force: true }));

test('the nights are ordered by startedAt, the old report gets its outcome from its exit code', () => {
  // Act
  const nights = readHistory(fixture.args);

  // Assert
  expect(nights.map((n) => [n.report.seed, n.outcome])).toEqual([[11, 'conforms'], [12, 'does-not-conform'], [13, 'could-not-run'], [14, 'does-not-conform']]);
  expect('outcome' in nights[0]!.report).toBe(false);
});

test('the matrix: one row per rule by operation, one cell per night, should failures read warning', () => {
  // Act
  const m = historyMatrix(readHistory(fixture.args));

  // Assert
  expect(m.columns.map((c) => [c.seed, c.outcome, c.couldNotRun])).toEqual([[11, 'conforms', []], [12, 'does-not-conform', []], [13, 'could-not-run', ['huaweicloud: connect ECONNREFUSED']], [14, 'does-not-conform', []]]);
  const table = m.groups.map((g) => [g.operation, g.rows.map((r) => [r.rule, r.cells.map((c) => c.status).join(' ')])]);
  expect(table).toEqual([
    ['kps', [[AUTH, 'pass pass skipped pass']]],
    ['kps.associate', [[TASK, 'pass fail skipped pass'], [REQ, 'pass warning skipped pass']]],
    ['ecs', [[ENV, 'skipped skipped pass pass'], [VERSION, 'absent absent absent pass']]],
    ['ecs.attach-key-pair', [[MAX, 'pass pass pass fail']]],
  ]);
  const cells = new Map(m.groups.flatMap((g) => g.rows).map((r) => [r.rule, r.cells.map((c) => c.detail)]));
  expect(cells.get(TASK)).toEqual(['passed on 3 cases', 'TaskId missing', NO_ANSWER, 'passed on 3 cases']);
  expect(cells.get(VERSION)![0]).toBe('not in this report');
  expect(cells.get(MAX)![3]).toBe(MAX_TITLE);
});

test('the drift: each consecutive pair of nights, newest first, only the rules whose status changed', () => {
  // Act
  const m = historyMatrix(readHistory(fixture.args));

  // Assert
  const drift = m.drift.map((s) => [s.from, s.to, s.changes.map((c) => `${c.rule}: ${c.from} → ${c.to}`)]);
  expect(drift).toEqual([
    [2, 3, [`${AUTH}: skipped → pass`, `${TASK}: skipped → pass`, `${REQ}: skipped → pass`, `${VERSION}: absent → pass`, `${MAX}: pass → fail`]],
    [1, 2, [`${AUTH}: pass → skipped`, `${TASK}: fail → skipped`, `${REQ}: warning → skipped`, `${ENV}: skipped → pass`]],
    [0, 1, [`${TASK}: pass → fail`, `${REQ}: pass → warning`]],
  ]);
});

test('a should failure of a strict run is a fail, and one night has no drift', () => {
  // Arrange
  const dir = join(fixture.root, 'strict');
  mkdirSync(dir);
  writeFileSync(join(dir, 'conformance.json'), JSON.stringify(report({ startedAt: '2025-03-05T02:00:00.000Z', seed: 15, outcome: 'does-not-conform', exitCode: 1, strict: true, lines: [[REQ, 'should', 'kps.associate', 'fail', 'no X-Request-Id']] })));

  // Act
  const m = historyMatrix(readHistory([dir]));

  // Assert
  expect(m.groups.flatMap((g) => g.rows).map((r) => r.cells.map((c) => c.status))).toEqual([['fail']]);
  expect(m.drift).toEqual([]);
});

test.describe('bad input: one line naming the thing and the fix', () => {
  const usageError = async (argv: string[]): Promise<string> => {
    const error: unknown = await historyCommand(argv).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    const message = (error as UsageError).message;
    expect(message.split('\n')).toHaveLength(1);
    return message;
  };

  test('no positionals', async () => {
    expect(await usageError([])).toBe('conformance history: no reports named. Name report dirs written by npx conformance run, e.g. npx conformance history nightly/*.');
  });

  test('a path that does not exist', async () => {
    const missing = join(fixture.root, 'nope');
    expect(await usageError([fixture.args[0]!, missing])).toBe(`conformance history: ${missing} does not exist. Name report dirs written by npx conformance run, or their conformance.json files.`);
  });

  test('a dir without conformance.json', async () => {
    const empty = join(fixture.root, 'empty');
    mkdirSync(empty, { recursive: true });
    expect(await usageError([empty])).toBe(`conformance history: ${empty} holds no conformance.json. Name report dirs written by npx conformance run.`);
  });

  test('a file that is not JSON', async () => {
    const file = join(fixture.root, 'notes.txt');
    writeFileSync(file, 'not json {');
    expect(await usageError([file])).toBe(`conformance history: ${file} is not a conformance.json (not JSON). Name report dirs written by npx conformance run, or their conformance.json files.`);
  });

  test('JSON of another tool', async () => {
    const file = join(fixture.root, 'package.json');
    writeFileSync(file, JSON.stringify({ name: 'x', results: [] }));
    expect(await usageError([file])).toBe(`conformance history: ${file} is not a conformance.json (its "tool" is not "keypair-conformance"). Name report dirs written by npx conformance run, or their conformance.json files.`);
  });

  test('an unknown option', async () => {
    expect(await usageError(['--outt', 'x.html', fixture.args[0]!])).toMatch(/^conformance history: Unknown option '--outt'.*Run npx conformance history --help\.$/);
  });
});

test('the page in Chromium: drift, matrix, a failed cell, and the could-not-run night in its own colour', async ({ reportPage: page }) => {
  // Arrange
  const out = join(fixture.root, 'pages', 'history.html');
  const printed: unknown[] = [];
  const log = console.log;
  console.log = (...a: unknown[]) => void printed.push(...a);
  let code: number;
  try {
    code = await historyCommand([...fixture.args, '--out', out]);
  } finally {
    console.log = log;
  }
  const external: string[] = [];
  page.on('request', (r) => void (r.url().startsWith('file:') || external.push(r.url())));

  // Act
  await page.goto(pathToFileURL(out).href);

  // Assert
  expect(code).toBe(0);
  expect(printed).toEqual([out]);
  expect(readFileSync(out, 'utf8')).not.toContain('<script');
  // drift, newest first
  await expect(page.locator('#drift h3')).toHaveText([
    '2025-03-03 02:00 UTC (seed 13) → 2025-03-04 02:00 UTC (seed 14)',
    '2025-03-02 02:00 UTC (seed 12) → 2025-03-03 02:00 UTC (seed 13)',
    '2025-03-01 02:00 UTC (seed 11) → 2025-03-02 02:00 UTC (seed 12)',
  ]);
  await expect(page.locator('#drift ul').first().locator('li')).toHaveText([`${AUTH}: skipped → pass`, `${TASK}: skipped → pass`, `${REQ}: skipped → pass`, `${VERSION}: absent → pass`, `${MAX}: pass → fail`]);
  await expect(page.locator('#drift ul').last().locator('li')).toHaveText([`${TASK}: pass → fail`, `${REQ}: pass → warning`]);
  // the matrix: a column per night (plus the rule column), a row per rule, grouped by operation
  await expect(page.locator('#matrix thead th')).toHaveCount(5);
  await expect(page.locator('#matrix thead th.night .date')).toHaveText(['2025-03-01 02:00 UTC', '2025-03-02 02:00 UTC', '2025-03-03 02:00 UTC', '2025-03-04 02:00 UTC']);
  await expect(page.locator('#matrix thead th.night .outcome')).toHaveText(['Conforms', 'Does not conform', 'Could not run', 'Does not conform']);
  await expect(page.locator('#matrix tr.rule')).toHaveCount(6);
  await expect(page.locator('#matrix tr.group')).toHaveText(['Huawei KPS gateway', 'AssociateKeypair', 'Volcengine gateway', 'AttachKeyPair']);
  for (const tr of await page.locator('#matrix tr.rule').all()) await expect(tr.locator('td')).toHaveCount(4);
  // a failed cell shows its status, its title the first failure (escaped, read back as written)
  const task = page.locator('#matrix tr.rule').filter({ has: page.getByText(TASK, { exact: true }) }).locator('td');
  await expect(task).toHaveText(['pass', 'fail', 'skipped', 'pass']);
  await expect(task.nth(1)).toHaveAttribute('title', 'TaskId missing');
  await expect(task.nth(2)).toHaveAttribute('title', NO_ANSWER);
  const max = page.locator('#matrix tr.rule').filter({ has: page.getByText(MAX, { exact: true }) }).locator('td');
  await expect(max.nth(3)).toHaveText('fail');
  await expect(max.nth(3)).toHaveAttribute('title', MAX_TITLE);
  // the could-not-run night: its own line and a colour that is not a failure's
  await expect(page.locator('#no-verdict li')).toHaveText(['2025-03-03 02:00 UTC (seed 13): could not run — huaweicloud: connect ECONNREFUSED']);
  const outcomes = page.locator('#matrix thead th.night .outcome');
  const [failed, silent] = [await colourOf(outcomes.nth(1)), await colourOf(outcomes.nth(2))];
  expect(failed).toBe('rgb(207, 34, 46)');
  expect(silent).toBe('rgb(130, 80, 223)');
  expect(await colourOf(page.locator('#no-verdict li'))).toBe(silent);
  expect(await colourOf(page.locator('#matrix td.s-fail').first())).toBe(failed);
  expect(external).toEqual([]);
});
