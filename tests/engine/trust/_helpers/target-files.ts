import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCloud, type Cloud } from '../../../../src/engine/run/run-cloud.ts';
import type { RunSettings } from '../../../../src/engine/run/engine-context.ts';
import { loadTargetFile } from '../../../../src/engine/target/load-target-file.ts';
import type { ResolvedTarget } from '../../../../src/engine/target/resolved-target.ts';
import type { RuleVerdict } from '../../../../src/engine/verdicts/rule-verdict.ts';
import { defaultFixtures, mockCredentialEnv, mockTargetFile, startMock, type MockFixtures, type MockOptions } from '../../../../src/mock/index.ts';

/** The environment the reference mock's target file names, holding the mock's built-in test keys. */
export const MOCK_ENV: NodeJS.ProcessEnv = mockCredentialEnv();

/** The cloud whose run decides a rule: `kps.*` → huaweicloud, `ecs.*` → volcengine. */
export const cloudOf = (rule: string): Cloud => (rule.startsWith('kps') ? 'huaweicloud' : 'volcengine');

/** A target file document (docs/DESIGN.md), as JSON. */
export type TargetDocument = Record<string, any>;

/**
 * A target file document (docs/DESIGN.md) for `endpoint` with the default mock's fixtures, changed by
 * `edit` (safety limits, a shorter task timeout, a cloud left out).
 */
export function targetDocument(endpoint: string, edit: (doc: TargetDocument) => void = () => {}, fixtures: MockFixtures = defaultFixtures()): TargetDocument {
  const doc: TargetDocument = structuredClone(mockTargetFile(fixtures, endpoint));
  edit(doc);
  return doc;
}

/** Writes a target document to a temporary file and reads it the way the CLI does, with MOCK_ENV. */
export function resolveTarget(doc: TargetDocument): ResolvedTarget {
  const dir = mkdtempSync(join(tmpdir(), 'conformance-trust-'));
  const file = join(dir, 'target.json');
  try {
    writeFileSync(file, JSON.stringify(doc, null, 2));
    return loadTargetFile(file, MOCK_ENV);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * One cloud's run against a fresh reference mock (a run consumes its fixtures), closed after. The mock is
 * thrown away, so the run skips restoring the fixtures (as the CLI does for its embedded mock).
 */
export async function runOnFreshMock(
  cloud: Cloud,
  mockOptions: Partial<MockOptions>,
  settings: RunSettings,
  edit?: (doc: TargetDocument) => void,
): Promise<{ verdicts: RuleVerdict[]; requests: number; ms: number }> {
  const mock = await startMock({ port: 0, taskDelayMs: 20, ...mockOptions });
  try {
    const target = resolveTarget(targetDocument(mock.url, edit, mock.options.fixtures));
    const started = performance.now();
    const { verdicts, requests } = await runCloud(cloud, target, { restore: false, ...settings });
    return { verdicts, requests, ms: performance.now() - started };
  } finally {
    await mock.close();
  }
}

/** A failed verdict in one line: rule, first failure's title and what was received. */
export function describeFailure(v: RuleVerdict): string {
  const f = v.failures[0];
  return `${v.rule} (${v.level}): ${f ? `${f.title}: ${f.received.slice(0, 200)}` : 'no failure record'}`;
}

/** Runs `task` over `items` with at most `limit` at a time, keeping the results in order. */
export async function inPool<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}
