import { RULES } from '../rules/rules.ts';
import { defaultFixtures } from './fixtures/default-fixtures.ts';
import { DEFAULT_CREDENTIALS, type MockCredentials, type MockOptions } from './mock-options.ts';

/** The environment variables the reference mock's target file names (targets/reference-mock.json). */
export const MOCK_CREDENTIAL_ENV = {
  huaweiAccessKey: 'MOCK_HWC_AK',
  huaweiSecretKey: 'MOCK_HWC_SK',
  huaweiToken: 'MOCK_HWC_TOKEN',
  volcengineAccessKey: 'MOCK_VOLC_AK',
  volcengineSecretKey: 'MOCK_VOLC_SK',
} as const;

/**
 * The environment variables of the mock's target file, holding these credentials (by default the
 * built-in test keys): what a run against the mock needs in its environment.
 */
export function mockCredentialEnv(credentials: MockCredentials = DEFAULT_CREDENTIALS): Record<string, string> {
  return {
    [MOCK_CREDENTIAL_ENV.huaweiAccessKey]: credentials.huawei.accessKey,
    [MOCK_CREDENTIAL_ENV.huaweiSecretKey]: credentials.huawei.secretKey,
    [MOCK_CREDENTIAL_ENV.volcengineAccessKey]: credentials.volcengine.accessKey,
    [MOCK_CREDENTIAL_ENV.volcengineSecretKey]: credentials.volcengine.secretKey,
  };
}

/** Credentials from the environment where set, else the mock's built-in test keys. */
export function credentialsFromEnv(env: NodeJS.ProcessEnv = process.env): MockCredentials {
  const d = DEFAULT_CREDENTIALS;
  return {
    huawei: {
      accessKey: env[MOCK_CREDENTIAL_ENV.huaweiAccessKey] || d.huawei.accessKey,
      secretKey: env[MOCK_CREDENTIAL_ENV.huaweiSecretKey] || d.huawei.secretKey,
      tokens: [env[MOCK_CREDENTIAL_ENV.huaweiToken] || d.huawei.tokens[0]!],
    },
    volcengine: {
      accessKey: env[MOCK_CREDENTIAL_ENV.volcengineAccessKey] || d.volcengine.accessKey,
      secretKey: env[MOCK_CREDENTIAL_ENV.volcengineSecretKey] || d.volcengine.secretKey,
    },
  };
}

/** Fills every option the caller left out, and refuses what cannot work, with one line that says why. */
export function resolveMockOptions(given: Partial<MockOptions> = {}): MockOptions {
  const ruleIds = new Set<string>(RULES.map((r) => r.id));
  for (const fault of given.faults ?? []) {
    if (!ruleIds.has(fault)) {
      throw new Error(`startMock: fault "${fault}" is not a rule id of docs/RULES.md. Run npx conformance mock --faults for the list.`);
    }
  }
  const options: MockOptions = {
    port: 0,
    host: '127.0.0.1',
    faults: [],
    huaweiSuccessStatus: 202,
    batchFailedStatus: 'FAILED',
    taskDelayMs: 200,
    idempotencyProcessingMs: 10,
    clientTokens: { maxEntries: 10_000, ttlMs: 24 * 60 * 60 * 1000 },
    maxBodyBytes: 1024 * 1024,
    requestTimeoutMs: 10_000,
    maxClockSkewMs: 15 * 60 * 1000,
    throttleEvery: 0,
    credentials: credentialsFromEnv(),
    fixtures: defaultFixtures(),
    now: Date.now,
    ...given,
  };
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) {
    throw new Error(`startMock: port ${options.port} is not 0-65535. Use 0 for any free port.`);
  }
  if (!Number.isInteger(options.throttleEvery) || options.throttleEvery < 0 || options.throttleEvery === 1) {
    throw new Error(`startMock: throttleEvery ${options.throttleEvery} is not 0 (off) or a whole number from 2: every Nth request is throttled.`);
  }
  if (options.huaweiSuccessStatus !== 200 && options.huaweiSuccessStatus !== 202) {
    throw new Error(`startMock: huaweiSuccessStatus ${options.huaweiSuccessStatus} is not a documented variant. Use 202 or 200.`);
  }
  if (options.batchFailedStatus !== 'FAILED' && options.batchFailedStatus !== 'Failed') {
    throw new Error(`startMock: batchFailedStatus "${options.batchFailedStatus}" is not a documented variant. Use FAILED or Failed.`);
  }
  return options;
}
