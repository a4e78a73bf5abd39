import { expect, test } from '@playwright/test';
import { defaultFixtures, FAULTABLE_RULES, FAULTS } from '../../../src/mock/index.ts';
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
    for (const t of TIERS) expect({ tier: t, ...report.tiers[t] }).toEqual({ tier: t, score: 100, coverage: 100, rulesScored: report.tiers[t].rulesExercised, rulesExercised: report.tiers[t].rulesExercised, rulesInTier: report.tiers[t].rulesInTier });
    expect(report.cases.different, 'cases answered differently').toBe(0);
    expect(report.cases.compared).toBe(report.cases.reference);
    // Every rule but flow-limit (the mock does not throttle by default) had cases to compare.
    expect(report.rules.filter((r) => r.tiers.strict!.equal === 0).map((r) => r.rule)).toEqual(['ecs.attach-key-pair.flow-limit']);
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
      const report = await fidelityOnMocks({ candidate: { faults: [fault] }, clouds: [fault.startsWith('kps') ? 'huaweicloud' : 'volcengine'], seed, runs: 20 });
      const lowered = loweredRules(report);
      const allowed = new Set<string>([fault, ...(FAULTS[fault].alsoBreaks ?? [])]);
      return { fault, lowered: lowered.includes(fault), beyond: lowered.filter((r) => !allowed.has(r)), score: report.rules.find((r) => r.rule === fault)!.tiers.strict!.score };
    });

    // Assert
    expect(outcomes.filter((o) => !o.lowered).map((o) => `${o.fault}: ${FAULTS[o.fault].effect}`), 'faults whose rule kept 100%').toEqual([]);
    expect(outcomes.filter((o) => o.beyond.length > 0).map((o) => `${o.fault} also lowered ${o.beyond.join(', ')}`), 'rules lowered beyond fault ∪ alsoBreaks').toEqual([]);
    expect(outcomes.every((o) => o.score !== null && o.score < 100)).toBe(true);
  });
}

test('a fault on one cloud leaves the other cloud at 100%', async () => {
  // Act
  const report = await fidelityOnMocks({ candidate: { faults: ['ecs.attach-key-pair.windows'] }, seed: 3, runs: 20 });

  // Assert
  const huawei = report.operations.filter((o) => o.operation.startsWith('kps'));
  expect(huawei.length).toBeGreaterThan(0);
  for (const o of huawei) for (const t of TIERS) expect([o.operation, t, o.tiers[t].score]).toEqual([o.operation, t, o.operation === 'kps.task' && o.tiers[t].score === null ? null : 100]);
  expect(report.tiers.complete.score).toBeLessThan(100);
});

test("a candidate whose run restores what it changed is compared on the plan's cases alone", async () => {
  // Act
  const report = await fidelityOnMocks({ seed: 5, runs: 20, restoreCandidate: true });

  // Assert: the restore's unbinds and task waits are the candidate's alone, and not cases
  expect(report.candidate.cases).toBe(report.reference.cases);
  expect(report.tiers.strict.score).toBe(100);
});

// A candidate that shows the other documented variant of a conflict differs from a reference that
// shows the first one: the difference is that conflict rule's, and no other rule's.
const VARIANTS = [
  { candidate: { huaweiSuccessStatus: 200 }, lowered: ['kps.associate.success-status', 'kps.batch-associate.success-status'] },
  { candidate: { batchFailedStatus: 'Failed' }, lowered: ['kps.batch-associate.status-enum'] },
] as const;
for (const v of VARIANTS) {
  test(`a candidate answering ${JSON.stringify(v.candidate)} differs on ${v.lowered.join(' and ')} only`, async () => {
    // Act
    const report = await fidelityOnMocks({ candidate: v.candidate, clouds: ['huaweicloud'], seed: 7, runs: 20 });

    // Assert
    expect(loweredRules(report, 'strict').sort()).toEqual([...v.lowered].sort());
    // and the report says which variant each side showed
    if ('huaweiSuccessStatus' in v.candidate) {
      const variants = report.rules.find((r) => r.rule === 'kps.associate.success-status')!.variants!;
      expect([Object.keys(variants.reference), Object.keys(variants.candidate)]).toEqual([['202'], ['200']]);
    }
  });
}

test('a candidate with other fixture lists is told so, and its unpaired cases lower coverage, not the score', async () => {
  // Arrange: the candidate lacks the reference's Windows instances but one
  const fixtures = defaultFixtures();
  let windows = 0;
  const fewer = { ...fixtures, volcengineInstances: fixtures.volcengineInstances.filter((i) => i.kind !== 'windows' || windows++ === 0) };

  // Act
  const report = await fidelityOnMocks({ candidate: { fixtures: fewer }, clouds: ['volcengine'], seed: 7, runs: 20 });

  // Assert
  expect(report.notes).toEqual([expect.stringMatching(/^the target files list other numbers of fixtures \(volcengine\.fixtures\.instances\.windows: \d+ on the reference, 1 on the candidate\)/)]);
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
  const proxy = via((req): Interception => (req.url?.includes('/keypairs/batch-associate') ? { status: 501, contentType: 'text/plain', body: 'Not Implemented' } : 'forward'));

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
