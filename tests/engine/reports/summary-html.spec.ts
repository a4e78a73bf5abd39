import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from '@playwright/test';
import type { ConformanceReport } from '../../../src/engine/report/report-types.ts';
import { DEFAULT_CREDENTIALS } from '../../../src/mock/index.ts';
import { RULES } from '../../../src/rules/rules.ts';
import { OPERATION_HEADINGS, readReport } from './_helpers/read-report.ts';
import { childEnv, runCli } from './_helpers/run-cli.ts';
import { expect, pngSize, test as base } from './_helpers/system-chromium.ts';
import { mockCredentialEnv, startTempMock, tempDir } from './_helpers/temp-mock.ts';
import type { BrowserGlobal, DomElement, DomTable, DomTableRow } from '../../_helpers/dom.ts';

// summary.html as a person sees it: the CLI writes it, a real headless Chromium (Debian's, never a
// downloaded one) opens it. No toHaveScreenshot baseline: the page carries a timestamp, a duration, a
// random port and a temp path in many places, and a baseline would pin the fonts of one machine; the
// layout is checked through element boxes instead, and each screenshot is attached for a human look.

const FAULT = 'kps.batch-associate.max-10';
const FAULTED_NAME = `mock breaking ${FAULT}`;

interface Run {
  readonly dir: string;
  readonly report: ConformanceReport;
  readonly code: number | null;
}

/** Each CLI run happens once per worker and is shared by the tests that look at its page. */
const test = base.extend<object, { embeddedRun: Run; faultedRun: Run }>({
  embeddedRun: [
    async ({}, use) => {
      const dir = tempDir('summary-embedded');
      const run = await runCli(['run', '--runs', '20', '--seed', '5', '--report-dir', dir.path]);
      if (run.code !== 0) throw new Error(`embedded run exited ${run.code}:\n${run.stdout}\n${run.stderr}`);
      await use({ dir: dir.path, report: readReport(dir.path, run), code: run.code });
      dir.rm();
    },
    { scope: 'worker', timeout: 85_000 },
  ],
  faultedRun: [
    async ({}, use) => {
      const dir = tempDir('summary-faulted');
      const mock = await startTempMock(dir.path, [FAULT], { credentials: DEFAULT_CREDENTIALS });
      mock.rewrite((t) => ({ ...t, name: FAULTED_NAME }));
      try {
        const reportDir = join(dir.path, 'report');
        const run = await runCli(['run', '--target', mock.targetFile, '--runs', '20', '--seed', '5', '--report-dir', reportDir], childEnv(mockCredentialEnv()));
        if (run.code !== 1) throw new Error(`faulted run exited ${run.code}, not 1:\n${run.stdout}\n${run.stderr}`);
        await use({ dir: reportDir, report: readReport(reportDir, run), code: run.code });
      } finally {
        await mock.close();
        dir.rm();
      }
    },
    { scope: 'worker', timeout: 85_000 },
  ],
});

// The runs are worker fixtures: keep this file's tests in one worker, in order. A run takes 5-10 s;
// the timeout leaves room for a machine busy with other test files.
test.describe.configure({ mode: 'default', timeout: 90_000 });

/** Every rule row of the page, with the heading of the section it sits in. */
async function ruleRows(page: Page): Promise<{ heading: string; status: string; rule: string; cases: string }[]> {
  // (The project compiles without the DOM library: page functions name the DOM by tests/_helpers/dom.ts.)
  return page.locator('h2').evaluateAll((headings: DomElement[]) =>
    headings.flatMap((h) => {
      const table = h.nextElementSibling as DomTable | null;
      if (!table || table.tagName !== 'TABLE') return [{ heading: h.textContent!, rule: '', status: 'no table after this heading', cases: '' }];
      const text = (tr: DomTableRow, i: number) => tr.cells[i]!.textContent!.trim();
      return [...table.tBodies[0]!.rows].map((tr) => ({ heading: h.textContent!, status: text(tr, 0), rule: text(tr, 2), cases: text(tr, 3) }));
    }),
  );
}

/** How far the page scrolls sideways, in CSS pixels (0 when it fits its window). */
const horizontalOverflow = (page: Page): Promise<number> =>
  page.evaluate(() => {
    const root = (globalThis as unknown as BrowserGlobal).document.documentElement;
    return root.scrollWidth - root.clientWidth;
  });

/** The table row of one rule, found by the rule id in its Rule cell. */
const rowOf = (page: Page, rule: string) => page.getByRole('row').filter({ has: page.locator('td code').getByText(rule, { exact: true }) });

async function open(page: Page, dir: string): Promise<string[]> {
  const external: string[] = [];
  page.on('request', (r) => void (r.url().startsWith('file:') || external.push(r.url())));
  await page.goto(pathToFileURL(join(dir, 'summary.html')).href);
  return external;
}

/** What every summary page must hold, whatever the verdict. */
async function expectEveryRuleOnceByOperation(page: Page, report: ConformanceReport): Promise<void> {
  const rows = await ruleRows(page);
  // every one of the catalogue's rule ids, exactly once
  expect(rows.map((r) => r.rule).sort()).toEqual(RULES.map((r) => r.id).sort());
  expect(rows).toHaveLength(RULES.length);
  // grouped by operation: a rule sits under its operation's heading, each heading once, in catalogue order
  const operationOf = new Map<string, string>(RULES.map((r) => [r.id, r.operation]));
  for (const row of rows) expect(row.heading, row.rule).toBe(OPERATION_HEADINGS[operationOf.get(row.rule)!]);
  await expect(page.getByRole('heading', { level: 2 })).toHaveText(Object.values(OPERATION_HEADINGS));
  // each row says what conformance.json says (a should failure without --strict reads "warning")
  for (const r of report.results) {
    const row = rows.find((x) => x.rule === r.rule)!;
    const label = r.status === 'fail' && r.level === 'should' && !report.strict ? 'warning' : r.status;
    expect({ rule: r.rule, status: row.status, cases: row.cases }).toEqual({ rule: r.rule, status: label, cases: String(r.casesRun) });
  }
  // within a section, failures come first, then skips, then passes
  const rank = { fail: 0, warning: 0, skipped: 1, pass: 2 } as Record<string, number>;
  for (const heading of Object.values(OPERATION_HEADINGS)) {
    const ranks = rows.filter((r) => r.heading === heading).map((r) => rank[r.status]!);
    expect(ranks, heading).toEqual([...ranks].sort((a, b) => a - b));
  }
}

/** The header's parts are on screen, have a size, and do not overlap; nothing overflows the viewport. */
async function expectHeaderLaidOut(page: Page): Promise<void> {
  const parts = [page.getByRole('heading', { level: 1 }), page.locator('.meta'), page.locator('.verdict'), ...(await page.locator('.totals > div').all())];
  expect(parts.length).toBe(8);
  const boxes = [];
  for (const part of parts) {
    await expect(part).toBeVisible();
    const box = (await part.boundingBox())!;
    expect(box.width * box.height).toBeGreaterThan(100);
    boxes.push(box);
  }
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, b] = [boxes[i]!, boxes[j]!];
      const overlap = a.x < b.x + b.width - 0.5 && b.x < a.x + a.width - 0.5 && a.y < b.y + b.height - 0.5 && b.y < a.y + a.height - 0.5;
      expect(overlap, `header parts ${i} and ${j} overlap: ${JSON.stringify([a, b])}`).toBe(false);
    }
  }
  expect(await horizontalOverflow(page), 'horizontal overflow (px)').toBeLessThanOrEqual(0);
}

async function screenshot(page: Page, name: string): Promise<void> {
  const path = test.info().outputPath(name);
  const png = await page.screenshot({ path, fullPage: true });
  await test.info().attach(name, { path, contentType: 'image/png' });
  expect(png.length, 'screenshot bytes').toBeGreaterThan(20_000);
  expect(pngSize(png).width).toBeGreaterThanOrEqual(1000);
  expect(pngSize(png).height).toBeGreaterThan(2000);
}

test('the embedded mock: the page names the target, says "Conforms" and lists every rule once, by operation', async ({ reportPage: page, embeddedRun }) => {
  // Arrange
  const { dir, report } = embeddedRun;

  // Act
  const external = await open(page, dir);

  // Assert
  await expect(page).toHaveTitle('Conformance: embedded reference mock');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Conformance of embedded reference mock');
  await expect(page.locator('.verdict')).toHaveText('Conforms');
  await expect(page.locator('.meta')).toContainText('seed 5 · 20 runs per property');
  await expectEveryRuleOnceByOperation(page, report);
  await expect(page.locator('details')).toHaveCount(0);
  for (const r of report.results.filter((x) => x.status === 'skipped')) await expect(rowOf(page, r.rule)).toContainText(`Skipped: ${r.reason}`);
  for (const r of report.results.filter((x) => x.variants)) {
    const seen = Object.entries(r.variants!).map(([k, n]) => `${k} (${n})`).join(', ');
    await expect(rowOf(page, r.rule)).toContainText(`Variants seen: ${seen}`);
  }
  await expectHeaderLaidOut(page);
  await screenshot(page, 'summary-embedded.png');
  expect(external, 'the page fetches nothing').toEqual([]);
});

test(`a mock breaking ${FAULT}: "Does not conform", and its row shows the failure and how to reproduce it`, async ({ reportPage: page, faultedRun }) => {
  // Arrange
  const { dir, report } = faultedRun;
  const verdict = report.results.find((r) => r.rule === FAULT)!;
  expect(verdict.status).toBe('fail');
  const failure = verdict.failures[0]!;

  // Act
  const external = await open(page, dir);

  // Assert
  await expect(page).toHaveTitle(`Conformance: ${FAULTED_NAME}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Conformance of ${FAULTED_NAME}`);
  await expect(page.locator('.verdict')).toHaveText('Does not conform');
  await expectEveryRuleOnceByOperation(page, report);
  const row = rowOf(page, FAULT);
  await expect(row).toHaveCount(1);
  await expect(row.getByRole('cell').first()).toHaveText('fail');
  await expect(row.getByRole('cell').nth(1)).toHaveText('must');
  const first = row.locator('details').first();
  await expect(first).toHaveAttribute('open', '');
  await expect(first.locator('summary')).toContainText(failure.title);
  await expect(first.locator('pre')).toContainText(`Received: ${failure.received}`);
  await expect(first.locator('pre')).toContainText(`Documented: ${failure.documented}`);
  await expect(first.locator('pre')).toContainText(`The documents: ${failure.documents.statement}`);
  await expect(first).toContainText(`Reproduce with: npx conformance replay ${FAULT}#1 --report-dir ${dir}`);
  await expect(first.locator('code').last()).toHaveText(failure.replay);
  await expect(row.locator('details')).toHaveCount(verdict.failures.length);
  await expectHeaderLaidOut(page);
  await screenshot(page, 'summary-faulted.png');
  expect(external, 'the page fetches nothing').toEqual([]);
});

test('the page fits a 640 px window, which its width=device-width viewport invites', async ({ reportPage: page, embeddedRun }) => {
  // Was a bug (src/engine/report/summary-html.ts): `.totals` is a flex row that never wraps, so its five boxes
  // (5 × ≥120 px + gaps ≈ 650 px) run off the right edge below ~680 px and "should failed" is cut off;
  // the tables then overflow too (unbreakable tokens in the statements and, on failure pages, the
  // <code> case ids: at 800 px a kps.associate.task-id failure already scrolls sideways by ~50 px).
  // Fixed: `.totals{flex-wrap:wrap}`, `td{overflow-wrap:anywhere}` and `td code{word-break:break-all}`.
  // Arrange
  await page.setViewportSize({ width: 640, height: 900 });

  // Act
  await open(page, embeddedRun.dir);

  // Assert
  const width = page.viewportSize()!.width;
  for (const total of await page.locator('.totals > div').all()) {
    const box = (await total.boundingBox())!;
    expect(box.x + box.width, `right edge of the "${await total.innerText()}" box`).toBeLessThanOrEqual(width);
  }
  expect(await horizontalOverflow(page), 'horizontal overflow (px) at 640 px').toBeLessThanOrEqual(0);
});
