// The reference mock's public surface. It never imports the suite; they meet over HTTP.
export { startMock, type RunningMock } from './start-mock.ts';
export type { MockOptions, MockOptionsInput, MockCredentials } from './mock-options.ts';
export { DEFAULT_CREDENTIALS } from './mock-options.ts';
export { MOCK_CREDENTIAL_ENV, credentialsFromEnv, mockCredentialEnv, resolveMockOptions } from './resolve-mock-options.ts';
export { READINGS, READING_NAMES, DEFAULT_READINGS, type ReadingName, type Readings, type ReadingSpec } from './readings.ts';
export { readingFromFlag } from './reading-from-flag.ts';
export {
  FAULTS,
  FAULTABLE_RULES,
  VARIANT_FAULTS,
  ALL_FAULTS,
  describeFault,
  type FaultSpec,
  type VariantFaultSpec,
  type FaultId,
  type VariantFaultId,
} from './faults/fault-catalogue.ts';
export { MOCK_PROFILES, type MockProfile, type MockProfileName } from './mock-profiles.ts';
export { defaultFixtures, FIXTURE_COUNTS } from './fixtures/default-fixtures.ts';
export { liveSizedFixtures } from './fixtures/live-sized-fixtures.ts';
export { fixturesFromTarget } from './fixtures/fixtures-from-target.ts';
export type { MockFixtures } from './fixtures/mock-fixtures.ts';
export { mockTargetFile, REFERENCE_TARGET_SETTINGS, type MockTargetFile, type MockTargetSettings } from './mock-target-file.ts';
