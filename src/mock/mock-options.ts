import type { RuleId } from '../rules/rules.ts';
import type { FaultId } from './faults/fault-catalogue.ts';
import type { MockFixtures } from './fixtures/mock-fixtures.ts';
import type { MockProfileName } from './mock-profiles.ts';
import type { Readings } from './readings.ts';

/** Credentials the mock accepts. Test keys, not secrets of any real account. */
export interface MockCredentials {
  readonly huawei: { readonly accessKey: string; readonly secretKey: string; readonly tokens: readonly string[] };
  readonly volcengine: { readonly accessKey: string; readonly secretKey: string };
}

/** How the reference mock behaves. Every field has a default (`resolveMockOptions`). */
export interface MockOptions {
  /** TCP port; 0 picks a free one. @defaultValue 0 */
  readonly port: number;
  /** Interface to listen on. @defaultValue '127.0.0.1' (loopback only) */
  readonly host: string;
  /**
   * Faults (`--fault`): rule ids and `RULE-ID:NAME` variants, see `src/mock/faults/fault-catalogue.ts`.
   * Typed to take any rule id, so lists of rule ids still pass; a client rule is refused at start.
   */
  readonly faults: readonly (FaultId | RuleId)[];
  /** Where the documents leave room, which reading the mock shows (`src/mock/readings.ts`). */
  readonly readings: Readings;
  /** Fixtures and task pace to start from (`src/mock/mock-profiles.ts`); explicit options win. @defaultValue 'default' */
  readonly profile: MockProfileName;
  /** @deprecated The same as `readings.huaweiSuccessStatus`, kept for older callers; always equal to it. */
  readonly huaweiSuccessStatus: Readings['huaweiSuccessStatus'];
  /** @deprecated The same as `readings.batchFailedStatus`, kept for older callers; always equal to it. */
  readonly batchFailedStatus: Readings['batchFailedStatus'];
  /** Time a Huawei task takes from READY_ to its terminal state; RUNNING_ from half of it. @defaultValue 200 */
  readonly taskDelayMs: number;
  /** When set, each task takes a random time (Math.random) from taskDelayMs to this. */
  readonly taskDelayMaxMs?: number;
  /** Time a Volcengine request with a ClientToken is "in process" (the window for IdempotentProcessing). @defaultValue 10 */
  readonly idempotencyProcessingMs: number;
  /** ClientToken store bounds: entries kept at most, and how long each is remembered. */
  readonly clientTokens: { readonly maxEntries: number; readonly ttlMs: number };
  /** Largest accepted request body; larger ones get 413 in the cloud's error shape. @defaultValue 1 MiB */
  readonly maxBodyBytes: number;
  /** A request must arrive whole within this time, or the connection is closed. @defaultValue 10 s */
  readonly requestTimeoutMs: number;
  /** Accepted distance between a signed request's date and the mock's clock. @defaultValue 15 minutes */
  readonly maxClockSkewMs: number;
  /** Throttling mode: every Nth request (of either cloud) is answered 429 as the gateway throttles; 0 is off. */
  readonly throttleEvery: number;
  /** HTTPS mode: the server's key and certificate (PEM). Absent: plain HTTP. */
  readonly tls?: { readonly key: string | Buffer; readonly cert: string | Buffer };
  readonly credentials: MockCredentials;
  readonly fixtures: MockFixtures;
  /** The mock's clock (tests move it). */
  readonly now: () => number;
}

/** What `startMock` takes: any option left out gets its default, and `readings` may name only some. */
export type MockOptionsInput = Partial<Omit<MockOptions, 'readings'>> & { readonly readings?: Partial<Readings> };

/** The mock's built-in test credentials, used when the environment names none (docs/mock.md). */
export const DEFAULT_CREDENTIALS: MockCredentials = {
  huawei: { accessKey: 'MOCKHWCACCESSKEY0001', secretKey: 'mock-hwc-secret-key-not-a-real-secret', tokens: ['mock-hwc-iam-token'] },
  volcengine: { accessKey: 'AKLTmockvolcaccesskey0001', secretKey: 'mock-volc-secret-key-not-a-real-secret' },
};
