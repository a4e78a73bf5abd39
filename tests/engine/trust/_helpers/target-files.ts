import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Cloud } from '../../../../src/families/api-families.ts';
import { runCloud } from '../../../../src/engine/run/run-cloud.ts';
import type { RunSettings } from '../../../../src/engine/run/engine-context.ts';
import { loadTargetFile } from '../../../../src/engine/target/load-target-file.ts';
import type { ResolvedTarget } from '../../../../src/engine/target/resolved-target.ts';
import type { RuleVerdict } from '../../../../src/engine/verdicts/rule-verdict.ts';
import type { TargetDocument } from '../../../_helpers/target-document.ts';
import {
  defaultFixtures,
  mockCredentialEnv,
  mockTargetFile,
  MOCK_PROFILES,
  startMock,
  type MockFixtures,
  type MockOptionsInput,
} from '../../../../src/mock/index.ts';

/** The environment the reference mock's target file names, holding the mock's built-in test keys. */
export const MOCK_ENV: NodeJS.ProcessEnv = mockCredentialEnv();

/** The cloud whose run decides a rule: `kps.*` → huaweicloud, `ecs.*` → volcengine. */
export const cloudOf = (rule: string): Cloud => (rule.startsWith('kps') ? 'huaweicloud' : 'volcengine');

export type { TargetDocument } from '../../../_helpers/target-document.ts';

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
  mockOptions: MockOptionsInput,
  settings: RunSettings,
  edit?: (doc: TargetDocument) => void,
  world: World = 'default',
): Promise<{ verdicts: RuleVerdict[]; requests: number; ms: number }> {
  const mock = await startMock({ port: 0, ...WORLDS[world].mock, ...mockOptions });
  try {
    const doc = structuredClone<TargetDocument>(mockTargetFile(mock.options.fixtures, mock.url, MOCK_PROFILES[WORLDS[world].profile].target));
    WORLDS[world].edit(doc);
    edit?.(doc);
    const target = resolveTarget(doc);
    const started = performance.now();
    const { verdicts, requests } = await runCloud(cloud, target, { restore: false, ...settings });
    return { verdicts, requests, ms: performance.now() - started };
  } finally {
    await mock.close();
  }
}

/**
 * The worlds a verdict must hold in. `default`: the mock's many fixtures, tasks of 20 ms. `live-sized`:
 * a real test account's few fixtures and its 400-request budget (targets/live-sized.json), with tasks
 * shortened to 50-150 ms so that the matrix fits in npm test; `live-sized-slow` keeps the profile's 1-3 s.
 */
export type World = 'default' | 'live-sized' | 'live-sized-slow';

export const WORLDS: Record<World, { profile: 'default' | 'live-sized'; mock: MockOptionsInput; edit: (doc: TargetDocument) => void }> = {
  default: { profile: 'default', mock: { taskDelayMs: 20 }, edit: () => {} },
  'live-sized': {
    profile: 'live-sized',
    mock: { profile: 'live-sized', taskDelayMs: 50, taskDelayMaxMs: 150 },
    edit: (doc) => void (doc.huaweicloud.taskPoll = { firstMs: 20, maxIntervalMs: 100 }),
  },
  'live-sized-slow': { profile: 'live-sized', mock: { profile: 'live-sized' }, edit: () => {} },
};

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
