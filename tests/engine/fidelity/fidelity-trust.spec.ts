import { expect, test } from '@playwright/test';
import { defaultFixtures, FAULTABLE_RULES, FAULTS, READINGS, VARIANT_FAULTS, type Readings } from '../../../src/mock/index.ts';
import { TIERS } from '../../../src/engine/fidelity/outcome.ts';
import { inPool } from '../trust/_helpers/target-files.ts';
import { fidelityOnMocks, loweredRules } from '../../../scripts/_internals/fidelity-on-mocks.ts';
import { startInterceptingProxy, type Interception } from './_helpers/intercepting-proxy.ts';

// Fidelity scores are trusted both ways. A faithful candidate (the reference mock itself, started
// again) scores 100% at every tier with full coverage; a candidate that breaks one rule on purpose
// (each of the mock's 81 faults) scores lower on that rule and its declared alsoBreaks, and on no other.

test.describe.configure({ mode: 'parallel' });

for (const seed of [7, 1]) {
  test(`the reference mock scores 100% against itself at every tier, seed ${seed}`, async () => {
    // Act
    const report = await fidelityOnMocks({ seed, runs: 30 });

    // Assert
    for (const t of TIERS)
      expect({ tier: t, ...report.tiers[t] }).toEqual({
        tier: t,
        score: 100,
        coverage: 100,
        rulesScored: report.tiers[t].rulesExercised,
        rulesExercised: report.tiers[t].rulesExercised,
        rulesInTier: report.tiers[t].rulesInTier,
      });
    expect(report.cases.different, 'cases answered differently').toBe(0);
    expect(report.cases.compared).toBe(report.cases.reference);
    // Every rule but flow-limit (the mock does not throttle by default) had cases to compare.
    expect(report.rules.filter((r) => r.tiers.strict!.equal === 0).map((r) => r.rule)).toEqual(['ecs.attach-key-pair.flow-limit']);
    // ... and it is listed as not compared, with the reason, never as 100%.
    const flow = report.rules.find((r) => r.rule === 'ecs.attach-key-pair.flow-limit')!;
    expect([flow.tiers.strict!.score, flow.notCompared]).toEqual([null, expect.stringMatching(/^no case of the run reached it/)]);
    expect(report.rules.filter((r) => r.notCompared).map((r) => r.rule)).toEqual(['ecs.attach-key-pair.flow-limit']);
    // The normalisations did work: without them request ids and task ids would differ everywhere.
    const replaced = Object.fromEntries(report.transformers.map((t) => [t.name, t.replaced.candidate]));
    for (const name of ['request-id', 'task-id', 'fixture-id', 'run-nonce', 'concurrent-duplicates']) expect(replaced[name], name).toBeGreaterThan(0);
  });
}

/** The 81 comparisons take ~20 s at four at a time; each run mostly waits on loopback HTTP. */
const CONCURRENCY = 4;

for (const seed of [7, 1]) {
  test(`each fault lowers exactly its rule and its alsoBreaks, seed ${seed}`, async () => {
    test.setTimeout(180_000);
    // Arrange
    const faults = [...FAULTABLE_RULES];

    // Act
    const outcomes = await inPool(faults, CONCURRENCY, async (fault) => {
      const report = await fidelityOnMocks({
        candidate: { faults: [fault] },
        clouds: [fault.startsWith('kps') ? 'huaweicloud' : 'volcengine'],
        seed,
        runs: 20,
      });
      const lowered = loweredRules(report);
      const allowed = new Set<string>([fault, ...(FAULTS[fault].alsoBreaks ?? [])]);
      return {
        fault,
        lowered: lowered.includes(fault),
        beyond: lowered.filter((r) => !allowed.has(r)),
        score: report.rules.find((r) => r.rule === fault)!.tiers.strict!.score,
      };
    });

    // Assert
    expect(
      outcomes.filter((o) => !o.lowered).map((o) => `${o.fault}: ${FAULTS[o.fault].effect}`),
      'faults whose rule kept 100%',
    ).toEqual([]);
    expect(
      outcomes.filter((o) => o.beyond.length > 0).map((o) => `${o.fault} also lowered ${o.beyond.join(', ')}`),
      'rules lowered beyond fault ∪ alsoBreaks',
    ).toEqual([]);
    expect(outcomes.every((o) => o.score !== null && o.score < 100)).toBe(true);
  });
}

// The variant faults break a rule another way, several only in a side effect: a refused request carried out
// anyway (seen by a later probe), a refused request's ClientToken kept. Each lowers its own rule and only
// what it declares: the probes' answers are compared and charged to the rule they probe.
test('each variant fault (side effects included) lowers its own rule and only what it declares', async () => {
  test.setTimeout(180_000);
  // Act
  const outcomes = await inPool(Object.keys(VARIANT_FAULTS) as (keyof typeof VARIANT_FAULTS)[], CONCURRENCY, async (fault) => {
    const spec: { rule: string; alsoBreaks?: readonly string[] } = VARIANT_FAULTS[fault];
    const report = await fidelityOnMocks({
      candidate: { faults: [fault] },
      clouds: [spec.rule.startsWith('kps') ? 'huaweicloud' : 'volcengine'],
      seed: 7,
      runs: 20,
    });
    const lowered = loweredRules(report);
    const allowed = new Set<string>([spec.rule, ...(spec.alsoBreaks ?? [])]);
    return { fault, lowered: lowered.includes(spec.rule), beyond: lowered.filter((r) => !allowed.has(r)) };
  });

  // Assert
  expect(
    outcomes.filter((o) => !o.lowered).map((o) => o.fault),
    'variant faults whose rule kept 100%',
  ).toEqual([]);
  expect(outcomes.filter((o) => o.beyond.length > 0).map((o) => `${o.fault} also lowered ${o.beyond.join(', ')}`)).toEqual([]);
});

test('a fault on one cloud leaves the other cloud at 100%', async () => {
  // Act
  const report = await fidelityOnMocks({ candidate: { faults: ['ecs.attach-key-pair.windows'] }, seed: 3, runs: 20 });

  // Assert
  const huawei = report.operations.filter((o) => o.operation.startsWith('kps'));
  expect(huawei.length).toBeGreaterThan(0);
  for (const o of huawei)
    for (const t of TIERS)
      expect([o.operation, t, o.tiers[t].score]).toEqual([o.operation, t, o.operation === 'kps.task' && o.tiers[t].score === null ? null : 100]);
  expect(report.tiers.complete.score).toBeLessThan(100);
});

test("a candidate whose run restores what it changed is compared on the plan's cases alone", async () => {
  // Act
  const report = await fidelityOnMocks({ seed: 5, runs: 20, restoreCandidate: true });

  // Assert: the restore's unbinds and task waits are the candidate's alone, and not cases
  expect(report.candidate.cases).toBe(report.reference.cases);
  expect(report.tiers.strict.score).toBe(100);
});

// Variants are not differences (issue 13): a candidate showing another reading the documents allow
// (src/mock/readings.ts, every value of every reading) scores 100% at core and complete against the
// default mock, and lowers no rule there; optional members and messages count at strict alone. Each
// side's reading is reported as a variant.
const OTHER_READINGS = Object.entries(READINGS).flatMap(([name, spec]) => (spec.values as readonly unknown[]).slice(1).map((value) => ({ name, value })));
test('the mock under every other documented reading scores 100% at core and complete against the default mock', async () => {
  test.setTimeout(240_000);
  // Act
  const outcomes = await inPool(OTHER_READINGS, CONCURRENCY, async ({ name, value }) => {
    const clouds = name.startsWith('ecs') ? ['volcengine' as const] : name === 'messages' || name === 'severalBroken' ? undefined : ['huaweicloud' as const];
    const report = await fidelityOnMocks({ candidate: { readings: { [name]: value } as unknown as Readings }, clouds, seed: 7, runs: 10 });
    return {
      reading: `${name}=${String(value)}`,
      core: report.tiers.core.score,
      complete: report.tiers.complete.score,
      lowered: loweredRules(report, 'complete'),
      report,
    };
  });

  // Assert
  expect(
    outcomes
      .filter((o) => o.core !== 100 || o.complete !== 100 || o.lowered.length > 0)
      .map((o) => `${o.reading}: core ${o.core}, complete ${o.complete}, lowered ${o.lowered.join(', ')}`),
  ).toEqual([]);
  // Each side's reading is still reported, by the rule that allows it.
  const status = outcomes.find((o) => o.reading === 'huaweiSuccessStatus=200')!.report.rules.find((r) => r.rule === 'kps.associate.success-status')!.variants!;
  expect([Object.keys(status.reference), Object.keys(status.candidate)]).toEqual([['202'], ['200']]);
  const enumVariants = outcomes
    .find((o) => o.reading === 'batchFailedStatus=Failed')!
    .report.rules.find((r) => r.rule === 'kps.batch-associate.status-enum')!.variants!;
  expect(Object.keys(enumVariants.candidate)).toContain('Failed');
  // Messages count at strict, and only there.
  expect(outcomes.find((o) => o.reading === 'messages=alternate')!.report.tiers.strict.score).toBeLessThan(100);
});

test('a candidate with other fixture lists is told so, and its unpaired cases lower coverage, not the score', async () => {
  // Arrange: the candidate lacks the reference's Windows instances but one
  const fixtures = defaultFixtures();
  let windows = 0;
  const fewer = { ...fixtures, volcengineInstances: fixtures.volcengineInstances.filter((i) => i.kind !== 'windows' || windows++ === 0) };

  // Act
  const report = await fidelityOnMocks({ candidate: { fixtures: fewer }, clouds: ['volcengine'], seed: 7, runs: 20 });

  // Assert
  expect(report.notes).toEqual([
    expect.stringMatching(
      /^the target files list other numbers of fixtures \(volcengine\.fixtures\.instances\.windows: \d+ on the reference, 1 on the candidate\)/,
    ),
  ]);
  expect(report.cases.diverged + report.cases.notSent).toBeGreaterThan(0);
  expect(report.tiers.strict.coverage).toBeLessThan(100);
  expect(loweredRules(report)).toEqual([]);
});

/** Puts an intercepting proxy in front of the candidate mock; `count()` says how often it stepped in. */
function via(decide: Parameters<typeof startInterceptingProxy>[1]) {
  let count = 0;
  return {
    count: () => count,
    candidateVia: async (url: string) => {
      const proxy = await startInterceptingProxy(url, decide);
      return { url: proxy.url, close: async () => ((count = proxy.intercepted()), await proxy.close()) };
    },
  };
}

test('a candidate that resets some connections is different there ("no answer"), not unsupported and not uncovered', async () => {
  // Arrange: every 13th request to the candidate is cut before the mock sees it
  const proxy = via((_req, n): Interception => (n % 13 === 0 ? 'reset' : 'forward'));

  // Act
  const report = await fidelityOnMocks({ candidateVia: proxy.candidateVia, clouds: ['volcengine'], seed: 7, runs: 20 });

  // Assert
  expect(proxy.count()).toBeGreaterThan(0);
  const noAnswer = report.rules.flatMap((r) => r.differences).filter((d) => d.candidate.status === 0);
  expect(noAnswer.length).toBeGreaterThan(0);
  expect(noAnswer[0]!.candidate.body).toMatch(/^no HTTP answer/);
  expect(report.cases.unsupported).toBe(0);
  expect(loweredRules(report, 'core')).toContain('ecs.attach-key-pair.status-documented');
  expect(report.notes).toEqual([]);
});

test('a candidate without BatchAssociateKeypair (501) keeps its score and loses coverage there, and only there', async () => {
  // Arrange
  const proxy = via((req): Interception =>
    req.url?.includes('/keypairs/batch-associate') ? { status: 501, contentType: 'text/plain', body: 'Not Implemented' } : 'forward',
  );

  // Act
  const report = await fidelityOnMocks({ candidateVia: proxy.candidateVia, clouds: ['huaweicloud'], seed: 7, runs: 20 });

  // Assert
  expect(proxy.count()).toBeGreaterThan(0);
  const batch = report.operations.find((o) => o.operation === 'kps.batch-associate')!;
  expect(batch.tiers.complete.coverage).toBeLessThan(100);
  expect(report.cases.unsupported).toBeGreaterThan(0);
  const associate = report.operations.find((o) => o.operation === 'kps.associate')!;
  expect(associate.tiers.complete).toMatchObject({ score: 100, coverage: 100 });
  // Nothing the candidate does not support is counted as wrong: no rule lost a point of score
  expect(loweredRules(report)).toEqual([]);
  const unsupported = report.rules.filter((r) => (r.tiers.strict?.unsupported ?? 0) > 0).map((r) => r.rule);
  expect(unsupported.length).toBeGreaterThan(0);
  expect(unsupported.every((r) => r.startsWith('kps.batch-associate.') || r.startsWith('kps.'))).toBe(true);
  expect(report.rules.find((r) => r.rule === 'kps.batch-associate.max-10')!.unsupported[0]!.candidate).toEqual({ status: 501, body: 'Not Implemented' });
});
