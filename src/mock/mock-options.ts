import type { RuleId } from '../rules/rules.ts';
import type { MockFixtures } from './fixtures/mock-fixtures.ts';

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
  /** Rule ids the mock breaks on purpose (`--fault`); see `src/mock/faults/fault-catalogue.ts`. */
  readonly faults: readonly RuleId[];
  /** Huawei bind success status: 202 as the seeds say, or 200 as earlier revisions and the SDKs do. */
  readonly huaweiSuccessStatus: 200 | 202;
  /** How a failed batch task spells its status: the table's `FAILED` or the example's `Failed`. */
  readonly batchFailedStatus: 'FAILED' | 'Failed';
  /** Time a Huawei task takes from READY_ to its terminal state; RUNNING_ from half of it. @defaultValue 200 */
  readonly taskDelayMs: number;
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

/** The mock's built-in test credentials, used when the environment names none (docs/mock.md). */
export const DEFAULT_CREDENTIALS: MockCredentials = {
  huawei: { accessKey: 'MOCKHWCACCESSKEY0001', secretKey: 'mock-hwc-secret-key-not-a-real-secret', tokens: ['mock-hwc-iam-token'] },
  volcengine: { accessKey: 'AKLTmockvolcaccesskey0001', secretKey: 'mock-volc-secret-key-not-a-real-secret' },
};
