import { test, expect } from '@playwright/test';
import type { Cloud } from '../../../src/families/api-families.ts';
import type { RuleVerdict } from '../../../src/engine/verdicts/rule-verdict.ts';
import type { FaultId } from '../../../src/mock/index.ts';
import { runOnFreshMock, type TargetDocument, type World } from '../trust/_helpers/target-files.ts';

// Issue 16, point 2: the plan runs its independent parts at once, and the verdicts do not depend on it.
// The same seed, run serially (concurrency 1, the default) and in parallel (8) on two fresh reference
// mocks, gives the same verdict for every rule: status, reason, casesRun and variants, as conformance.json
// carries them. Tasks take a random 20-60 ms, so that the two runs see different timings.

test.describe.configure({ mode: 'parallel' });

const SEED = 7;
const RUNS = 20;

/**
 * Each task poll is judged (kps.task.lookup), and how many polls a task takes depends on how long it
 * took, serial or not: that rule's count is not compared, its status and reason are.
 */
const COUNTED_BY_TIMING: ReadonlySet<string> = new Set(['kps.task.lookup']);

/** What conformance.json says of each rule, but the failures' evidence (their order is the run's). */
function verdictsOf(verdicts: readonly RuleVerdict[]) {
  return verdicts.map((v) => ({
    rule: v.rule,
    status: v.status,
    reason: v.reason,
    failed: v.failures.length > 0,
    ...(COUNTED_BY_TIMING.has(v.rule) ? {} : { casesRun: v.casesRun, variants: v.variants }),
  }));
}

/**
 * Short, random tasks polled often; no budget cut: where a spent budget stops a run depends on how many
 * polls its tasks took, so a budget would make even two serial runs differ.
 */
const fastTasks = (doc: TargetDocument) => {
  doc.huaweicloud.taskTimeoutMs = 5_000;
  doc.huaweicloud.taskPoll = { firstMs: 10, maxIntervalMs: 40 };
  doc.safety = { ...doc.safety, maxRequests: 100_000 };
};

async function serialAndParallel(cloud: Cloud, world: World, faults: readonly FaultId[] = []) {
  // No "in process" window for a ClientToken: with one, which of identical requests sent at once waits
  // (412) is timing, serial or not, and every rule judged on their answers would count differently.
  const mock = { taskDelayMs: 20, taskDelayMaxMs: 60, idempotencyProcessingMs: 0, faults };
  const [serial, parallel] = await Promise.all(
    [1, 8].map((concurrency) => runOnFreshMock(cloud, mock, { seed: SEED, runs: RUNS, concurrency }, fastTasks, world)),
  );
  return { serial: verdictsOf(serial!.verdicts), parallel: verdictsOf(parallel!.verdicts) };
}

for (const world of ['default', 'live-sized'] as const) {
  for (const cloud of ['huaweicloud', 'volcengine'] as const) {
    test(`${world} fixtures, ${cloud}, seed ${SEED}: the same verdicts serially and in parallel`, async () => {
      // Act
      const { serial, parallel } = await serialAndParallel(cloud, world);

      // Assert
      expect(parallel).toEqual(serial);
      expect(serial.filter((v) => v.status === 'fail')).toEqual([]);
    });
  }
}

// Trusted both ways: a fault is caught in parallel exactly as serially.
const FAULTS: readonly [Cloud, FaultId][] = [
  ['huaweicloud', 'kps.batch-associate.already-bound'],
  ['huaweicloud', 'kps.auth.required'],
  ['volcengine', 'ecs.attach-key-pair.idempotent-replay'],
];
for (const world of ['default', 'live-sized'] as const) {
  for (const [cloud, fault] of FAULTS) {
    test(`${world} fixtures, ${cloud}, fault ${fault}: caught, and the same verdicts serially and in parallel`, async () => {
      // Act
      const { serial, parallel } = await serialAndParallel(cloud, world, [fault]);

      // Assert
      expect(parallel).toEqual(serial);
      expect(serial.find((v) => v.rule === fault)?.status).toBe('fail');
    });
  }
}
