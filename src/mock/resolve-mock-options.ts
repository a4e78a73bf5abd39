import { checkFaultIds } from './faults/check-fault-ids.ts';
import { MOCK_CREDENTIAL_ENV } from './mock-credential-env.ts';
import { DEFAULT_CREDENTIALS, type MockCredentials, type MockOptions, type MockOptionsInput } from './mock-options.ts';
import { MOCK_PROFILES, type MockProfileName } from './mock-profiles.ts';
import { resolveReadings } from './resolve-readings.ts';

export { MOCK_CREDENTIAL_ENV } from './mock-credential-env.ts';

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
export function resolveMockOptions(given: MockOptionsInput = {}): MockOptions {
  const profileName: MockProfileName = given.profile ?? 'default';
  const profile = MOCK_PROFILES[profileName] as (typeof MOCK_PROFILES)[MockProfileName] | undefined;
  if (!profile) throw new Error(`startMock: profile "${profileName}" is not one of ${Object.keys(MOCK_PROFILES).join(', ')}.`);
  const faults = checkFaultIds(given.faults ?? []);
  const readings = resolveReadings(given.readings, given);
  const options: MockOptions = {
    port: 0,
    host: '127.0.0.1',
    idempotencyProcessingMs: 10,
    clientTokens: { maxEntries: 10_000, ttlMs: 24 * 60 * 60 * 1000 },
    maxBodyBytes: 1024 * 1024,
    requestTimeoutMs: 10_000,
    maxClockSkewMs: 15 * 60 * 1000,
    throttleEvery: 0,
    credentials: credentialsFromEnv(),
    fixtures: profile.fixtures(),
    now: Date.now,
    ...given,
    ...taskTiming(profile, given),
    profile: profileName,
    faults,
    readings,
    huaweiSuccessStatus: readings.huaweiSuccessStatus,
    batchFailedStatus: readings.batchFailedStatus,
  };
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) {
    throw new Error(`startMock: port ${options.port} is not 0-65535. Use 0 for any free port.`);
  }
  if (!Number.isInteger(options.throttleEvery) || options.throttleEvery < 0 || options.throttleEvery === 1) {
    throw new Error(`startMock: throttleEvery ${options.throttleEvery} is not 0 (off) or a whole number from 2: every Nth request is throttled.`);
  }
  if (!Number.isInteger(options.taskDelayMs) || options.taskDelayMs < 0) {
    throw new Error(`startMock: taskDelayMs ${options.taskDelayMs} is not a whole number of milliseconds from 0.`);
  }
  const max = options.taskDelayMaxMs;
  if (max !== undefined && (!Number.isInteger(max) || max < options.taskDelayMs)) {
    throw new Error(`startMock: taskDelayMaxMs ${max} is not a whole number from taskDelayMs (${options.taskDelayMs}). Leave it out for a fixed delay.`);
  }
  return options;
}

/** The profile's task pace, unless the caller set either bound: then the caller's alone. */
function taskTiming(profile: (typeof MOCK_PROFILES)[MockProfileName], given: MockOptionsInput): Pick<MockOptions, 'taskDelayMs' | 'taskDelayMaxMs'> {
  if (given.taskDelayMs === undefined && given.taskDelayMaxMs === undefined) {
    return { taskDelayMs: profile.taskDelayMs, taskDelayMaxMs: 'taskDelayMaxMs' in profile ? profile.taskDelayMaxMs : undefined };
  }
  return { taskDelayMs: given.taskDelayMs ?? profile.taskDelayMs, taskDelayMaxMs: given.taskDelayMaxMs };
}
