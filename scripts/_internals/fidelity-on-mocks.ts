import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runFidelity } from '../../src/engine/fidelity/run-fidelity.ts';
import type { FidelityReport } from '../../src/engine/fidelity/fidelity-report.ts';
import type { Tier } from '../../src/engine/fidelity/outcome.ts';
import type { Cloud } from '../../src/families/api-families.ts';
import { loadTargetFile } from '../../src/engine/target/load-target-file.ts';
import { mockCredentialEnv, mockTargetFile, startMock, type MockOptions } from '../../src/mock/index.ts';

/** The settings of one in-process fidelity comparison of two reference mocks. */
export interface MockComparison {
  readonly reference?: Partial<MockOptions>;
  readonly candidate?: Partial<MockOptions>;
  readonly clouds?: readonly Cloud[];
  readonly seed: number;
  readonly runs: number;
  readonly thresholds?: readonly { tier: Tier; measure: 'score' | 'coverage'; min: number }[];
  /** Let the candidate's run put back what it changed, as a live target's run does (default false). */
  readonly restoreCandidate?: boolean;
  /** Puts something in front of the candidate mock (a proxy that breaks connections); its URL is used. */
  readonly candidateVia?: (url: string) => Promise<{ readonly url: string; close(): Promise<void> }>;
}

/**
 * Starts a reference mock and a candidate mock (each fresh: a run consumes fixtures), scores the
 * candidate against the reference with runFidelity, and closes both. Task timeouts are short: the
 * mocks' tasks end in 20 ms, and a faulted one that never ends should not hold a test for 30 minutes.
 */
export async function fidelityOnMocks(c: MockComparison): Promise<FidelityReport> {
  const dir = mkdtempSync(join(tmpdir(), 'conformance-fidelity-'));
  const [reference, candidate] = await Promise.all([
    startMock({ port: 0, taskDelayMs: 20, ...c.reference }),
    startMock({ port: 0, taskDelayMs: 20, ...c.candidate }),
  ]);
  const via = c.candidateVia ? await c.candidateVia(candidate.url) : undefined;
  try {
    const target = (name: string, url: string, fixtures: typeof reference.options.fixtures) => {
      const doc = { ...mockTargetFile(fixtures, url), name };
      doc.huaweicloud.taskTimeoutMs = 2_000;
      const file = join(dir, `${name.replace(/\W+/g, '-')}.json`);
      writeFileSync(file, JSON.stringify(doc));
      return loadTargetFile(file, mockCredentialEnv());
    };
    const { report } = await runFidelity({
      reference: { kind: 'target', name: 'reference mock', target: target('reference mock', reference.url, reference.options.fixtures), restore: false },
      candidate: {
        kind: 'target',
        name: 'candidate mock',
        target: target('candidate mock', via?.url ?? candidate.url, candidate.options.fixtures),
        restore: c.restoreCandidate ?? false,
      },
      clouds: c.clouds ?? ['huaweicloud', 'volcengine'],
      seed: c.seed,
      runs: c.runs,
      thresholds: c.thresholds ?? [],
    });
    return report;
  } finally {
    await via?.close();
    await Promise.all([reference.close(), candidate.close()]);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Rules with at least one different case at `tier` (the score dropped below 100). */
export const loweredRules = (report: FidelityReport, tier: Tier = 'strict'): string[] =>
  report.rules.filter((r) => (r.tiers[tier]?.different ?? 0) > 0).map((r) => r.rule);
