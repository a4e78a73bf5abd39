import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from '@playwright/test';
import { fidelityHtml } from '../../../src/engine/fidelity/fidelity-html.ts';
import type { FidelityReport } from '../../../src/engine/fidelity/fidelity-report.ts';
import { TIERS } from '../../../src/engine/fidelity/outcome.ts';
import { runFidelity } from '../../../src/engine/fidelity/run-fidelity.ts';
import { loadTargetFile } from '../../../src/engine/target/load-target-file.ts';
import type { ResolvedTarget } from '../../../src/engine/target/resolved-target.ts';
import { mockCredentialEnv, mockTargetFile, startMock, type RunningMock } from '../../../src/mock/index.ts';
import { expect, test as base } from '../reports/_helpers/system-chromium.ts';
import type { BrowserGlobal, DomElement, DomTableRow } from '../../_helpers/dom.ts';

// fidelity.html as a person sees it, in Debian's headless Chromium (never a downloaded browser). The
// report is made by the engine itself: the reference mock against a mock breaking one rule, both in
// this process, so the page is checked against what a real run produces (not a hand-made sample).
// No screenshot baseline (timestamps, ports and temp paths change each run): the layout is checked
// through element boxes, and the screenshot is attached for a human look.

const FAULT = 'ecs.attach-key-pair.windows';
/** A rule the fault leaves alone: the candidate answers it exactly as the reference does. */
const UNBROKEN = 'kps.associate.task-id';
const SCRIPT = '<script>alert(1)</script>';

/** One fidelity run per worker, shared by every test of this file (a run takes 1-2 s). */
const test = base.extend<object, { fidelity: { report: FidelityReport; dir: string } }>({
  fidelity: [
    async ({}, use) => {
      const dir = mkdtempSync(join(tmpdir(), 'conf-fidelity-html-'));
      const mocks: RunningMock[] = [];
      // The target files stay until the run ends: the recorder reads them.
      const targetOf = async (name: string, faults: (typeof FAULT)[]): Promise<ResolvedTarget> => {
        const mock = await startMock({ port: 0, taskDelayMs: 20, faults });
        mocks.push(mock);
        const doc = mockTargetFile(mock.options.fixtures, mock.url);
        doc.huaweicloud.taskTimeoutMs = 2000;
        const file = join(dir, `${name}.json`);
        writeFileSync(file, JSON.stringify(doc, null, 2));
        return loadTargetFile(file, mockCredentialEnv());
      };
      try {
        const reference = await targetOf('reference', []);
        const candidate = await targetOf('candidate', [FAULT]);
        const { report } = await runFidelity({
          reference: { kind: 'target', name: 'reference mock', target: reference, restore: false },
          candidate: { kind: 'target', name: `mock breaking ${FAULT.replace('ecs.attach-key-pair.', '')}`, target: candidate, restore: false },
          clouds: ['huaweicloud', 'volcengine'],
          seed: 7,
          runs: 10,
          thresholds: [{ tier: 'complete', measure: 'score', min: 99 }],
        });
        await use({ report, dir });
      } finally {
        await Promise.all(mocks.map((m) => m.close()));
        rmSync(dir, { recursive: true, force: true });
      }
    },
    { scope: 'worker', timeout: 60_000 },
  ],
});

test.describe.configure({ mode: 'default', timeout: 60_000 });

/** Writes the page for `report` into the run's temp dir and opens it; returns the non-file requests made. */
async function open(page: Page, dir: string, report: FidelityReport, name = 'fidelity.html'): Promise<{ html: string; external: string[] }> {
  const html = fidelityHtml(report);
  const file = join(dir, name);
  writeFileSync(file, html);
  const external: string[] = [];
  page.on('request', (r) => void (r.url().startsWith('file:') || external.push(r.url())));
  await page.goto(pathToFileURL(file).href);
  return { html, external };
}

const pct = (n: number | null) => (n === null ? 'n/a' : `${n}%`);
const rowOf = (page: Page, rule: string) => page.locator(`tr[data-rule="${rule}"]`);

test("the chart has one bar per tier, whose score and coverage are the report's", async ({ reportPage: page, fidelity }) => {
  // Arrange
  const { report, dir } = fidelity;

  // Act
  await open(page, dir, report);

  // Assert
  const chart = page.getByRole('img', { name: /^Scores by tier/ });
  await expect(chart).toHaveCount(1);
  await expect(chart.locator('g[data-tier]')).toHaveCount(3);
  for (const t of TIERS) {
    const a = report.tiers[t];
    const bar = chart.locator(`g[data-tier="${t}"]`);
    await expect(bar).toHaveAttribute('data-score', a.score === null ? '' : String(a.score));
    // coverage in whole percent, within rounding of the report's, and 100% only when it is complete
    const label = (await bar.locator('text.value').textContent())!;
    const shown = label.match(/^(n\/a|[\d.]+%) · coverage ([\d.]+)%$/);
    expect(shown, `${t} label "${label}"`).not.toBeNull();
    expect(shown![1], `${t} score shown`).toBe(pct(a.score));
    expect(Math.abs(Number(shown![2]) - a.coverage), `${t} coverage shown`).toBeLessThanOrEqual(0.5);
    expect(Number(shown![2]) === 100, `${t} coverage shown as 100%`).toBe(a.coverage === 100);
    // a scored tier has a bar whose length is its score; an unscored one has none
    await expect(bar.locator('rect.fill')).toHaveCount(a.score === null ? 0 : 1);
    if (a.score !== null) {
      const [track, fill] = [(await bar.locator('rect.track').boundingBox())!, (await bar.locator('rect.fill').boundingBox())!];
      expect(fill.width / track.width, `${t} bar length`).toBeCloseTo(a.score / 100, 2);
    }
  }
  await expect(chart).toHaveAttribute('aria-label', new RegExp(`complete ${report.tiers.complete.score}%`));
  // the tier definitions sit beside the chart
  for (const t of TIERS) await expect(page.locator('dl.tiers')).toContainText(report.tierRules[t]);
});

test('a tier that compared nothing shows "n/a" and no bar', async ({ reportPage: page, fidelity }) => {
  // Arrange
  const { report, dir } = fidelity;
  const empty: FidelityReport = {
    ...report,
    tiers: { ...report.tiers, strict: { score: null, coverage: 0, rulesScored: 0, rulesExercised: 0, rulesInTier: 81 } },
  };

  // Act
  await open(page, dir, empty, 'empty-tier.html');

  // Assert
  const bar = page.getByRole('img', { name: /^Scores by tier/ }).locator('g[data-tier="strict"]');
  await expect(bar).toHaveAttribute('data-score', '');
  await expect(bar.locator('text.value')).toHaveText('n/a · coverage 0%');
  await expect(bar.locator('rect.fill')).toHaveCount(0);
  await expect(page.getByRole('img', { name: /^Scores by tier/ }).locator('rect.fill')).toHaveCount(2);
});

test(`the matrix has one row per rule; ${FAULT} is marked and scored as the report says`, async ({ reportPage: page, fidelity }) => {
  // Arrange
  const { report, dir } = fidelity;
  const windows = report.rules.find((r) => r.rule === FAULT)!;
  expect(windows.tiers.complete!.different, 'the fault makes differences').toBeGreaterThan(0);
  const unbroken = report.rules.find((r) => r.rule === UNBROKEN)!;
  expect(unbroken.tiers.complete!.score, `${UNBROKEN} answered alike`).toBe(100);
  const should = report.rules.find((r) => r.level === 'should')!;

  // Act
  await open(page, dir, report);

  // Assert
  const rows = page.locator('#rules tr[data-rule]');
  await expect(rows).toHaveCount(report.rules.length);
  // each rule once, under its operation's group
  const seen = await rows.evaluateAll((trs: DomElement[]) => trs.map((tr) => ({ rule: tr.dataset.rule, operation: tr.closest('tbody')!.dataset.operation })));
  expect(seen.map((r) => r.rule).sort()).toEqual(report.rules.map((r) => r.rule).sort());
  for (const r of report.rules) expect(seen.find((x) => x.rule === r.rule)!.operation, r.rule).toBe(r.operation);
  // the broken rule
  const row = rowOf(page, FAULT);
  await expect(row).toHaveClass(/\bdiffers\b/);
  await expect(row.locator('td[data-tier="complete"]')).toHaveAttribute('data-score', String(windows.tiers.complete!.score));
  await expect(row.locator('td[data-tier="complete"]')).toContainText(pct(windows.tiers.complete!.score));
  await expect(row.locator('td[data-tier="complete"]')).toHaveAttribute('title', new RegExp(`${windows.tiers.complete!.different} different`));
  // a rule the fault left alone
  await expect(rowOf(page, UNBROKEN)).not.toHaveClass(/\bdiffers\b/);
  await expect(rowOf(page, UNBROKEN).locator('td[data-tier="complete"]')).toHaveAttribute('data-score', '100');
  await expect(rowOf(page, UNBROKEN).locator('td[data-tier="complete"] .sc')).toHaveText('100%');
  // core does not score a should rule
  await expect(rowOf(page, should.rule).locator('td[data-tier="core"]')).toHaveText('—');
  await expect(rowOf(page, should.rule).locator('td[data-tier="core"]')).toHaveAttribute('data-score', '');
  // only rules with a difference or an unsupported answer are marked
  const marked = report.rules.filter((r) => TIERS.some((t) => (r.tiers[t]?.different ?? 0) + (r.tiers[t]?.unsupported ?? 0) > 0)).map((r) => r.rule);
  expect(
    (await page.locator('#rules tr.differs, #rules tr.unsupported').evaluateAll((trs: DomElement[]) => trs.map((tr) => tr.dataset.rule as string))).sort(),
  ).toEqual(marked.sort());
  // the per-operation table has the overall row and one per operation
  await expect(page.locator('#operations tbody tr')).toHaveCount(report.operations.length + 1);
  const op = report.operations.find((o) => o.operation === 'ecs.attach-key-pair')!;
  await expect(page.locator('#operations tr[data-operation="ecs.attach-key-pair"] td[data-tier="complete"]')).toHaveAttribute(
    'data-score',
    String(op.tiers.complete.score),
  );
  // ListKeypairTask has should rules only: core and complete do not score it, which is not "n/a"
  expect(report.operations.find((o) => o.operation === 'kps.task')!.tiers.core.rulesInTier).toBe(0);
  await expect(page.locator('#operations tr[data-operation="kps.task"] td[data-tier="core"]')).toHaveText('—');
});

test(`the differences of ${FAULT} expand and show both answers and the case`, async ({ reportPage: page, fidelity }) => {
  // Arrange
  const { report, dir } = fidelity;
  const first = report.rules.find((r) => r.rule === FAULT)!.differences[0]!;
  await open(page, dir, report);
  const details = page.locator(`tr[data-evidence="${FAULT}"] details`).first();
  const record = details.locator('.record').first();
  await expect(record).toBeHidden();

  // Act
  await details.locator('summary').click();

  // Assert
  await expect(details).toHaveAttribute('open', '');
  await expect(record).toBeVisible();
  await expect(record.locator('code').first()).toHaveText(first.case);
  await expect(record).toContainText(first.title);
  await expect(record).toContainText(`differs at ${first.tier}: ${first.what}`);
  await expect(record.locator('.side').nth(0)).toContainText(`Reference: status ${first.reference.status}`);
  await expect(record.locator('.side').nth(1)).toContainText(`Candidate: status ${first.candidate.status}`);
  // each side's body as answered, cut after 2,000 characters
  const shown = (body: string) => (body.length > 2000 ? `${body.slice(0, 2000)}… (${body.length - 2000} more characters)` : body);
  await expect(record.locator('.side').nth(0).locator('pre')).toHaveText(shown(first.reference.body));
  await expect(record.locator('.side').nth(1).locator('pre')).toHaveText(shown(first.candidate.body));
  await expect(details.locator('.record')).toHaveCount(report.rules.find((r) => r.rule === FAULT)!.differences.length);
});

test('a body holding <script> is shown as text and runs nothing; a long body is cut', async ({ reportPage: page, fidelity }) => {
  // Arrange
  const { report, dir } = fidelity;
  const index = report.rules.findIndex((r) => r.differences.length > 0);
  const rule = report.rules[index]!;
  const [first, ...rest] = rule.differences;
  const hostile: FidelityReport = {
    ...report,
    candidate: { ...report.candidate, name: `<img src=x onerror=alert(2)>` },
    rules: report.rules.map((r, i) =>
      i === index
        ? {
            ...r,
            differences: [
              { ...first!, reference: { ...first!.reference, body: 'x'.repeat(5000) }, candidate: { ...first!.candidate, body: `oops ${SCRIPT}` } },
              ...rest,
            ],
          }
        : r,
    ),
  };
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });

  // Act
  const { html } = await open(page, dir, hostile, 'hostile.html');
  await page.locator(`tr[data-evidence="${rule.rule}"] summary`).first().click();

  // Assert
  expect(html).not.toContain(SCRIPT);
  await expect(page.locator('script')).toHaveCount(0);
  await expect(page.locator('img')).toHaveCount(0);
  await expect(page.locator(`tr[data-evidence="${rule.rule}"] .record`).first().locator('pre').nth(1)).toHaveText(`oops ${SCRIPT}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('<img src=x onerror=alert(2)>');
  await expect(page.locator(`tr[data-evidence="${rule.rule}"] .record`).first().locator('pre').nth(0)).toHaveText(
    `${'x'.repeat(2000)}… (3000 more characters)`,
  );
  expect(dialogs, 'dialogs opened').toEqual([]);
});

test('notes stand above everything, escaped; a report without notes has no notes box', async ({ reportPage: page, fidelity }) => {
  // Arrange
  const { report, dir } = fidelity;
  expect(report.notes).toEqual([]);
  const noted: FidelityReport = { ...report, notes: ['the candidate (volcengine at http://127.0.0.1:9) gave no HTTP answer: <b>down</b>'] };

  // Act / Assert
  await open(page, dir, report, 'plain.html');
  await expect(page.locator('#notes')).toHaveCount(0);
  await open(page, dir, noted, 'noted.html');
  await expect(page.locator('#notes li')).toHaveText(noted.notes[0]!);
  await expect(page.locator('#notes b')).toHaveCount(0);
});

test('the thresholds: this run is below complete=99; a copy that meets them says so', async ({ reportPage: page, fidelity }) => {
  // Arrange
  const { report, dir } = fidelity;
  expect(report.exitCode).toBe(1);
  expect(report.thresholds).toEqual([{ tier: 'complete', measure: 'score', min: 99, value: report.tiers.complete.score, met: false }]);
  const passing: FidelityReport = { ...report, exitCode: 0, thresholds: report.thresholds.map((t) => ({ ...t, min: 50, met: true })) };
  const none: FidelityReport = { ...report, exitCode: 0, thresholds: [] };

  // Act
  await open(page, dir, report);

  // Assert
  const section = page.locator('#thresholds');
  await expect(section.locator('.verdict')).toHaveText('Below a threshold');
  await expect(section.locator('.verdict')).toHaveClass(/\bbad\b/);
  await expect(section.locator('li[data-tier="complete"]')).toHaveText(`complete score ≥ 99%: scored ${report.tiers.complete.score}% — not met`);

  // Act
  await open(page, dir, passing, 'passing.html');

  // Assert
  await expect(section.locator('.verdict')).toHaveText('Meets every threshold');
  await expect(section.locator('li[data-tier="complete"]')).toContainText('— met');

  // Act
  await open(page, dir, none, 'none.html');

  // Assert
  await expect(section.locator('.verdict')).toHaveText('No threshold set');
  await expect(section.locator('li')).toHaveCount(0);
});

test("the header, case totals and normalisations are the report's; the page fetches nothing", async ({ reportPage: page, fidelity }) => {
  // Arrange
  const { report, dir } = fidelity;

  // Act
  const { html, external } = await open(page, dir, report);
  await page.waitForLoadState('load');

  // Assert
  await expect(page).toHaveTitle(`Fidelity: ${report.candidate.name} vs ${report.reference.name}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Fidelity of ${report.candidate.name} against ${report.reference.name}`);
  const meta = page.locator('.meta');
  for (const text of [
    'seed 7',
    '10 runs per property',
    'clouds huaweicloud, volcengine',
    report.startedAt,
    `${(report.durationMs / 1000).toFixed(1)} s`,
    report.reference.source,
  ])
    await expect(meta).toContainText(text);
  const c = report.cases;
  await expect(page.locator('#cases > div b')).toHaveText([c.reference, c.compared, c.equal, c.different, c.unsupported, c.notSent, c.diverged].map(String));
  const normalisations = await page
    .locator('#normalisations tbody tr')
    .evaluateAll((trs: DomTableRow[]) => trs.map((tr) => [...tr.cells].map((td) => td.textContent)));
  expect(normalisations).toEqual(report.transformers.map((t) => [t.name, t.description, String(t.replaced.reference), String(t.replaced.candidate)]));
  expect(external, 'requests other than file:').toEqual([]);
  expect(html).not.toMatch(/<script\b/i);
  expect(html).not.toMatch(/<link\b/i);
  expect(html).not.toMatch(/(src|href)\s*=\s*["']?(https?:)?\/\//i);
});

test('layout at 1280×900: no sideways scroll, rule ids on one line', async ({ reportPage: page, fidelity }, testInfo) => {
  // Arrange
  const { report, dir } = fidelity;
  const longest = report.rules.reduce((a, b) => (b.rule.length > a.rule.length ? b : a)).rule;
  await open(page, dir, report);

  // Act: open every difference too, so the bodies are laid out
  for (const summary of await page.locator('tr.evidence summary').all()) await summary.click();

  // Assert
  expect(page.viewportSize()).toEqual({ width: 1280, height: 900 });
  const { scrollWidth, clientWidth } = await page.evaluate(() => {
    const el = (globalThis as unknown as BrowserGlobal).document.scrollingElement;
    return { scrollWidth: el.scrollWidth, clientWidth: el.clientWidth };
  });
  expect(scrollWidth, 'scrollWidth vs clientWidth').toBeLessThanOrEqual(clientWidth + 1);
  const code = rowOf(page, longest).locator('td.rule code');
  const lineHeight = await code.evaluate((el: DomElement) => parseFloat((globalThis as unknown as BrowserGlobal).getComputedStyle(el).lineHeight) || 18);
  // (the cell itself is as tall as its row, which the statement sets: its content is what is measured)
  expect((await code.boundingBox())!.height, `height of ${longest} in its cell`).toBeLessThan(3 * lineHeight);
  // the chart fits the page's column
  const chart = (await page.getByRole('img', { name: /^Scores by tier/ }).boundingBox())!;
  expect(chart.x + chart.width).toBeLessThanOrEqual(clientWidth);
  const path = testInfo.outputPath('fidelity.png');
  const png = await page.screenshot({ path, fullPage: true });
  await testInfo.attach('fidelity.png', { path, contentType: 'image/png' });
  expect(png.length, 'screenshot bytes').toBeGreaterThan(20_000);
});
