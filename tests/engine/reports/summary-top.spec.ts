import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Locator, Page } from '@playwright/test';
import type { ConformanceReport } from '../../../src/engine/report/report-types.ts';
import { summaryHtml } from '../../../src/engine/report/summary-html.ts';
import { DEFAULT_CREDENTIALS } from '../../../src/mock/index.ts';
import { readReport } from './_helpers/read-report.ts';
import { childEnv, runCli } from './_helpers/run-cli.ts';
import { expect, test as base } from './_helpers/system-chromium.ts';
import { mockCredentialEnv, startTempMock, tempDir } from './_helpers/temp-mock.ts';

// summary.html's first screen, "the morning after": what broke (linked to its row), what was not
// decided and why, what was not restored, and a badge of its own for a run that reached no verdict.
// One real faulted run; the no-verdict and not-restored pages are that report changed by hand and
// rendered with summaryHtml, as the run would write them.

const FAULT = 'kps.batch-associate.max-10';

interface Run {
  readonly dir: string;
  readonly report: ConformanceReport;
}

const test = base.extend<object, { faultedRun: Run }>({
  faultedRun: [
    async ({}, use) => {
      const dir = tempDir('summary-top');
      const mock = await startTempMock(dir.path, [FAULT], { credentials: DEFAULT_CREDENTIALS });
      try {
        const reportDir = join(dir.path, 'report');
        const run = await runCli(['run', '--target', mock.targetFile, '--runs', '20', '--seed', '5', '--report-dir', reportDir], childEnv(mockCredentialEnv()));
        if (run.code !== 1) throw new Error(`faulted run exited ${run.code}, not 1:\n${run.stdout}\n${run.stderr}`);
        await use({ dir: reportDir, report: readReport(reportDir, run) });
      } finally {
        await mock.close();
        dir.rm();
      }
    },
    { scope: 'worker', timeout: 85_000 },
  ],
});

test.describe.configure({ mode: 'default', timeout: 90_000 });

/** Writes `report` as the run would (summaryHtml) next to the real one, and opens it. */
async function openReport(page: Page, dir: string, name: string, report: ConformanceReport): Promise<void> {
  const file = join(dir, name);
  writeFileSync(file, summaryHtml(report));
  await page.goto(pathToFileURL(file).href);
}

// The project compiles without the DOM library: what the page functions use of the DOM, typed by hand.
interface DomElement {
  readonly className: string;
  readonly nextElementSibling: DomElement | null;
  compareDocumentPosition(other: DomElement | null): number;
}
interface DomWindow {
  getComputedStyle(el: DomElement): { readonly backgroundColor: string };
  readonly document: { querySelector(selector: string): DomElement | null };
}

const background = (l: Locator): Promise<string> => l.evaluate((el: DomElement) => (globalThis as unknown as DomWindow).getComputedStyle(el).backgroundColor);

/** Whether an element comes before the first operation table in the page. */
const beforeTables = (l: Locator): Promise<boolean> =>
  l.evaluate((el: DomElement) => Boolean(el.compareDocumentPosition((globalThis as unknown as DomWindow).document.querySelector('table')) & 4 /* FOLLOWING */));

test(`a mock breaking ${FAULT}: "What broke" names it first thing, and its link lands on its row`, async ({ reportPage: page, faultedRun }) => {
  // Arrange
  const { dir, report } = faultedRun;
  const failing = report.results.filter((r) => r.status === 'fail');
  expect(failing.map((r) => r.rule)).toContain(FAULT);
  const failure = failing.find((r) => r.rule === FAULT)!.failures[0]!;

  // Act
  await page.goto(pathToFileURL(join(dir, 'summary.html')).href);

  // Assert
  const broke = page.locator('ul.what-broke > li');
  await expect(broke).toHaveCount(failing.length);
  const item = broke.filter({ hasText: FAULT });
  await expect(item).toHaveText(`fail must ${FAULT}: ${failure.title}`);
  expect(await beforeTables(item), '"What broke" comes before the tables').toBe(true);
  const link = item.getByRole('link', { name: FAULT });
  await expect(link).toHaveAttribute('href', `#rule-${FAULT}`);
  // the anchor's target is the rule's row in the tables, exactly one
  const target = page.locator(`[id="rule-${FAULT}"]`);
  await expect(target).toHaveCount(1);
  await expect(target.locator('td').nth(2)).toHaveText(FAULT);
  await expect(target.locator('td').first()).toHaveText('fail');
  // every row has its anchor
  await expect(page.locator('tbody tr[id^="rule-"]')).toHaveCount(report.results.length);

  await link.click();
  expect(new URL(page.url()).hash).toBe(`#rule-${FAULT}`);
  await expect(target).toBeInViewport();
  await expect(page.locator('tr:target')).toHaveCount(1);
  expect(await background(target), 'the row the link lands on is highlighted').not.toBe('rgba(0, 0, 0, 0)');
});

test('"Not decided" groups skipped rules by reason: one line per reason, with the count and the ids', async ({ reportPage: page, faultedRun }) => {
  // Arrange
  const { dir, report } = faultedRun;
  const skipped = report.results.filter((r) => r.status === 'skipped');
  const reasons = new Map<string, string[]>();
  for (const r of skipped) reasons.set(r.reason!, [...(reasons.get(r.reason!) ?? []), r.rule]);
  expect(skipped.length, 'the run skips some rules (the client rules at least)').toBeGreaterThan(0);

  // Act
  await page.goto(pathToFileURL(join(dir, 'summary.html')).href);

  // Assert
  const lines = page.locator('ul.not-decided > li');
  await expect(lines).toHaveCount(reasons.size);
  for (const [reason, rules] of reasons) {
    const line = lines.filter({ hasText: reason });
    await expect(line).toHaveCount(1);
    await expect(line.locator('b').first()).toHaveText(String(rules.length));
    await expect(line).toContainText(`${rules.length} ${rules.length === 1 ? 'rule' : 'rules'}: ${reason}`);
    for (const rule of rules.slice(0, 10)) await expect(line.locator('code').getByText(rule, { exact: true })).toHaveCount(1);
    if (rules.length > 10) await expect(line).toContainText(`and ${rules.length - 10} more`);
  }
  // one reason shared by many rules stays one short line
  const many = { ...report, results: report.results.map((r) => (r.status === 'pass' ? { ...r, status: 'skipped' as const, reason: 'safety.allowMutations is false: binds are not sent' } : r)) };
  await openReport(page, dir, 'many-skipped.html', many);
  const passed = report.results.filter((r) => r.status === 'pass').length;
  const line = page.locator('ul.not-decided > li').filter({ hasText: 'safety.allowMutations is false' });
  await expect(line).toHaveCount(1);
  await expect(line).toContainText(`${passed} rules: safety.allowMutations is false: binds are not sent`);
  await expect(line.locator('code')).toHaveCount(10);
  await expect(line).toContainText(`and ${passed - 10} more`);
});

test('a run that reached no verdict: its own badge colour, not pass or fail, with the reasons right under it', async ({ reportPage: page, faultedRun }) => {
  // Arrange: the pass and fail colours, from real pages
  const { dir, report } = faultedRun;
  const noFailure = { ...report, results: report.results.map((r) => (r.status === 'fail' ? { ...r, status: 'pass' as const, failures: [] } : r)) };
  await openReport(page, dir, 'conforms.html', { ...noFailure, outcome: 'conforms', exitCode: 0 });
  await expect(page.locator('.verdict')).toHaveText('Conforms');
  const pass = await background(page.locator('.verdict'));
  await page.goto(pathToFileURL(join(dir, 'summary.html')).href);
  await expect(page.locator('.verdict')).toHaveText('Does not conform');
  const fail = await background(page.locator('.verdict'));
  expect(pass).not.toBe(fail);
  const cases = [
    { outcome: 'could-not-run', word: 'Could not run', couldNotRun: [{ cloud: 'volcengine', reason: 'connect ECONNREFUSED 127.0.0.1:9 on every request' }] },
    { outcome: 'interrupted', word: 'Interrupted', couldNotRun: [{ reason: 'interrupted (SIGINT) after 812 requests' }, { cloud: 'huaweicloud', reason: 'timed out on every request' }] },
  ] as const;

  for (const c of cases) {
    // Act
    await openReport(page, dir, `${c.outcome}.html`, { ...noFailure, outcome: c.outcome, exitCode: 3, couldNotRun: c.couldNotRun });

    // Assert
    const badge = page.locator('.verdict');
    await expect(badge).toHaveText(c.word);
    const colour = await background(badge);
    expect(colour, `${c.word} badge`).not.toBe(pass);
    expect(colour, `${c.word} badge`).not.toBe(fail);
    expect(colour, `${c.word} badge`).not.toBe('rgba(0, 0, 0, 0)');
    const reasons = page.locator('ul.could-not-run > li');
    await expect(reasons).toHaveText(c.couldNotRun.map((x) => `${'cloud' in x ? x.cloud : 'the whole run'}: ${x.reason}`));
    // right under the badge: the next element after it, above the totals
    expect(await badge.evaluate((el: DomElement) => el.nextElementSibling?.className)).toBe('could-not-run');
    const [b, r, totals] = [await badge.boundingBox(), await reasons.first().boundingBox(), await page.locator('.totals').boundingBox()];
    expect(r!.y).toBeGreaterThanOrEqual(b!.y + b!.height - 0.5);
    expect(totals!.y).toBeGreaterThanOrEqual(r!.y + r!.height - 0.5);
    await expect(page.locator('ul.what-broke')).toHaveCount(0);
  }
});

test('fixtures the run could not put back are listed under "Not restored", with their detail', async ({ reportPage: page, faultedRun }) => {
  // Arrange
  const { dir, report } = faultedRun;
  const restore = [
    { resource: 'huaweicloud server 7d1c0a2e (keypair kp-a)', restored: false, detail: 'DisassociateKeypair task FAILED: KPS.0011 server is locked' },
    { resource: 'huaweicloud server 19b4f3c0 (keypair kp-a)', restored: true, detail: 'unbound' },
    { resource: 'volcengine instance i-3tqk (key pair kp-b)', restored: false, detail: 'no DetachKeyPair for Volcengine: detach it by hand' },
  ];

  // Act
  await openReport(page, dir, 'not-restored.html', { ...report, restore });

  // Assert
  const items = page.locator('ul.not-restored > li');
  await expect(items).toHaveText(restore.filter((r) => !r.restored).map((r) => `${r.resource}: ${r.detail}`));
  await expect(page.locator('section.top')).toContainText('The run changed 2 of 3 fixtures and could not put them back');
  expect(await beforeTables(items.first())).toBe(true);
  // a run that restored everything has no such section
  await openReport(page, dir, 'restored.html', { ...report, restore: restore.map((r) => ({ ...r, restored: true })) });
  await expect(page.locator('ul.not-restored')).toHaveCount(0);
});
