import { defaultFixtures } from './fixtures/default-fixtures.ts';
import { liveSizedFixtures } from './fixtures/live-sized-fixtures.ts';
import type { MockFixtures } from './fixtures/mock-fixtures.ts';
import { REFERENCE_TARGET_SETTINGS, type MockTargetSettings } from './mock-target-file.ts';

/** A mock's size and pace, and the target file that describes it (`--profile`). */
export interface MockProfile {
  readonly fixtures: () => MockFixtures;
  readonly taskDelayMs: number;
  /** When set, each task takes a random time from taskDelayMs to this. */
  readonly taskDelayMaxMs?: number;
  readonly target: MockTargetSettings;
  /** The committed target file for this profile at http://127.0.0.1:8080 (`npm run write:targets`). */
  readonly targetFile: string;
}

export const MOCK_PROFILES = {
  /** Enough fixtures for long property runs, tasks that end in 200 ms. */
  default: { fixtures: defaultFixtures, taskDelayMs: 200, target: REFERENCE_TARGET_SETTINGS, targetFile: 'targets/reference-mock.json' },
  /** A rehearsal of a live run: a real test account's few fixtures, tasks of 1–3 s, a live run's budget. */
  'live-sized': {
    fixtures: liveSizedFixtures,
    taskDelayMs: 1000,
    taskDelayMaxMs: 3000,
    target: { name: 'live-sized', taskTimeoutMs: 60_000, taskPoll: { firstMs: 500, maxIntervalMs: 1000 }, maxRequests: 400 },
    targetFile: 'targets/live-sized.json',
  },
} as const satisfies Record<string, MockProfile>;

export type MockProfileName = keyof typeof MOCK_PROFILES;
