import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveTargetDocument } from '../../engine/target/load-target-file.ts';
import type { ResolvedTarget } from '../../engine/target/resolved-target.ts';
import { MOCK_CREDENTIAL_ENV, mockCredentialEnv, mockTargetFile, startMock, type MockFixtures, type RunningMock } from '../../mock/index.ts';

/** The reference mock in this process, and a target file in the temporary folder that names it. */
export interface EmbeddedMock {
  readonly mock: RunningMock;
  readonly targetFile: string;
  /** That target file, resolved (from the document written, not read back). */
  readonly target: ResolvedTarget;
  /** The values of the variables the target file names: what a run against it needs in its environment. */
  readonly credentialEnv: NodeJS.ProcessEnv;
  /** Stops the mock and deletes its target file. */
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
 * into process.env because the mock reads them there; `label` tells this process's target files apart.
 */
export async function startEmbeddedMock(label: string, fixtures?: MockFixtures): Promise<EmbeddedMock> {
  withMockTestKeys(process.env);
  const mock = await startMock({ port: 0, taskDelayMs: 20, ...(fixtures && { fixtures }) });
  const targetFile = join(tmpdir(), `conformance-${label}-${process.pid}.json`);
  const document = { ...mockTargetFile(mock.options.fixtures, mock.url), name: 'embedded reference mock' };
  writeFileSync(targetFile, JSON.stringify(document, null, 2));
  const credentialEnv = Object.fromEntries(
    Object.values(MOCK_CREDENTIAL_ENV)
      .filter((k) => process.env[k] !== undefined)
      .map((k) => [k, process.env[k]]),
  );
  return {
    mock,
    targetFile,
    target: resolveTargetDocument(document, targetFile, credentialEnv),
    credentialEnv,
    close: async () => {
      await mock.close();
      rmSync(targetFile, { force: true });
    },
  };
}
