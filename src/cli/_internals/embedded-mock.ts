import { EMBEDDED_TARGET } from '../../engine/report/build-report.ts';
import { resolveTargetDocument } from '../../engine/target/load-target-file.ts';
import type { ResolvedTarget } from '../../engine/target/resolved-target.ts';
import { MOCK_CREDENTIAL_ENV, mockCredentialEnv, mockTargetFile, startMock, type MockFixtures, type RunningMock } from '../../mock/index.ts';

/** The reference mock in this process, and the target that names it (a value: no file is written). */
export interface EmbeddedMock {
  readonly mock: RunningMock;
  /** The mock's target document, resolved; its `file` is EMBEDDED_TARGET, as every report names it. */
  readonly target: ResolvedTarget;
  /** The values of the variables the target names: what a run against it needs in its environment. */
  readonly credentialEnv: NodeJS.ProcessEnv;
  /** Stops the mock. */
  close(): Promise<void>;
}

/**
 * Fills in the reference mock's public test keys for the variables its target files name (MOCK_HWC_AK, …)
 * where the caller has not set them, so the next step `npx conformance mock` prints works as printed.
 */
export function withMockTestKeys(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  for (const [name, value] of Object.entries(mockCredentialEnv())) env[name] ||= value;
  return env;
}

/**
 * Starts the reference mock with its built-in test keys, unless the environment names others. The keys go
 * into process.env because the mock reads them there.
 */
export async function startEmbeddedMock(fixtures?: MockFixtures): Promise<EmbeddedMock> {
  withMockTestKeys(process.env);
  const mock = await startMock({ port: 0, taskDelayMs: 20, ...(fixtures && { fixtures }) });
  const document = { ...mockTargetFile(mock.options.fixtures, mock.url), name: 'embedded reference mock' };
  const credentialEnv = Object.fromEntries(
    Object.values(MOCK_CREDENTIAL_ENV)
      .filter((k) => process.env[k] !== undefined)
      .map((k) => [k, process.env[k]]),
  );
  return {
    mock,
    target: resolveTargetDocument(document, EMBEDDED_TARGET, credentialEnv),
    credentialEnv,
    close: () => mock.close(),
  };
}
