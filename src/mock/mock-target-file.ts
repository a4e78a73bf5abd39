import type { MockFixtures } from './fixtures/mock-fixtures.ts';
import { MOCK_CREDENTIAL_ENV } from './mock-credential-env.ts';

/** What a target file says beyond the fixtures: how long tasks may take, how to poll them, the budget. */
export interface MockTargetSettings {
  readonly name: string;
  readonly taskTimeoutMs: number;
  readonly taskPoll: { readonly firstMs: number; readonly maxIntervalMs: number };
  readonly maxRequests: number;
}

/** The default mock's: its tasks end within taskDelayMs (200 ms by default), so poll soon and often. */
export const REFERENCE_TARGET_SETTINGS: MockTargetSettings = {
  name: 'reference-mock',
  taskTimeoutMs: 30_000,
  taskPoll: { firstMs: 20, maxIntervalMs: 200 },
  maxRequests: 100_000,
};

type ServerLists = { running: string[]; bound: string[]; stopped: string[] };
type InstanceLists = { running: string[]; stopped: string[]; windows: string[]; noAgent: string[]; transitional: string[] };

/** A target file (docs/DESIGN.md format) as the mock writes it. Its key pair lists are the fixtures' own: clone it to change them. */
export type MockTargetFile = {
  name: string;
  huaweicloud: {
    endpoint: string;
    region: string;
    projectId: string;
    auth: { akEnv: string; skEnv: string };
    taskTimeoutMs: number;
    taskPoll: { firstMs: number; maxIntervalMs: number };
    fixtures: { keypairs: readonly string[]; servers: ServerLists; originalKeypairs: Record<string, string> };
  };
  volcengine: {
    endpoint: string;
    region: string;
    auth: { akEnv: string; skEnv: string };
    fixtures: { keyPairs: readonly { readonly name: string; readonly id: string }[]; instances: InstanceLists; originalKeyPairs: Record<string, string> };
  };
  safety: { allowMutations: boolean; maxRequests: number; requestsPerSecond: number; requestTimeoutMs: number };
};

/**
 * The target file (docs/DESIGN.md format) that describes a reference mock at `endpoint`: its fixtures,
 * and the environment variables its credentials are read from. targets/reference-mock.json is this for
 * http://127.0.0.1:8080; targets/live-sized.json the same for the live-sized profile (mock-profiles.ts).
 */
export function mockTargetFile(fixtures: MockFixtures, endpoint: string, settings: MockTargetSettings = REFERENCE_TARGET_SETTINGS): MockTargetFile {
  const servers = (state: 'running' | 'stopped', bound: boolean) =>
    fixtures.huaweiServers.filter((s) => s.state === state && (s.keypair !== undefined) === bound).map((s) => s.id);
  const instances = (kind: string) => fixtures.volcengineInstances.filter((i) => i.kind === kind).map((i) => i.id);
  return {
    name: settings.name,
    huaweicloud: {
      endpoint,
      region: fixtures.huaweiRegion,
      projectId: fixtures.projectId,
      auth: { akEnv: MOCK_CREDENTIAL_ENV.huaweiAccessKey, skEnv: MOCK_CREDENTIAL_ENV.huaweiSecretKey },
      taskTimeoutMs: settings.taskTimeoutMs,
      taskPoll: { ...settings.taskPoll },
      fixtures: {
        keypairs: fixtures.huaweiKeypairs,
        servers: { running: servers('running', false), bound: servers('running', true), stopped: servers('stopped', false) },
        originalKeypairs: Object.fromEntries(fixtures.huaweiServers.flatMap((s) => (s.keypair === undefined ? [] : [[s.id, s.keypair]]))),
      },
    },
    volcengine: {
      endpoint,
      region: fixtures.volcengineRegion,
      auth: { akEnv: MOCK_CREDENTIAL_ENV.volcengineAccessKey, skEnv: MOCK_CREDENTIAL_ENV.volcengineSecretKey },
      fixtures: {
        keyPairs: fixtures.volcengineKeyPairs,
        instances: {
          running: instances('running'),
          stopped: instances('stopped'),
          windows: instances('windows'),
          noAgent: instances('noAgent'),
          transitional: instances('transitional'),
        },
        originalKeyPairs: Object.fromEntries(
          fixtures.volcengineInstances
            .filter((i) => i.keyPairId !== undefined)
            .map((i) => [i.id, fixtures.volcengineKeyPairs.find((k) => k.id === i.keyPairId)!.name]),
        ),
      },
    },
    safety: { allowMutations: true, maxRequests: settings.maxRequests, requestsPerSecond: 0, requestTimeoutMs: 10_000 },
  };
}
