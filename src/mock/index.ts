// The reference mock's public surface. It never imports the suite; they meet over HTTP.
export { startMock, type RunningMock } from './start-mock.ts';
export type { MockOptions, MockCredentials } from './mock-options.ts';
export { DEFAULT_CREDENTIALS } from './mock-options.ts';
export { MOCK_CREDENTIAL_ENV, credentialsFromEnv, mockCredentialEnv, resolveMockOptions } from './resolve-mock-options.ts';
export { FAULTS, FAULTABLE_RULES, type FaultSpec } from './faults/fault-catalogue.ts';
export { defaultFixtures, FIXTURE_COUNTS } from './fixtures/default-fixtures.ts';
export { fixturesFromTarget } from './fixtures/fixtures-from-target.ts';
export type { MockFixtures } from './fixtures/mock-fixtures.ts';
export { mockTargetFile } from './mock-target-file.ts';
