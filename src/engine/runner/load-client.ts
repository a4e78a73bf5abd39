import type { ResolvedTarget } from '../target/resolved-target.ts';
import { loadAdapterClient } from '../transport/clients/adapter-client.ts';
import { harnessCredentialEnv } from '../transport/clients/client-credentials.ts';
import type { ClientChoice, ClientUnderTest } from '../transport/clients/client-under-test.ts';
import { startHarnessClient } from '../transport/clients/harness-client.ts';

/** Loads (or starts) the client under test; throws `ClientBroken` with a one-line reason when it is not one. */
export function loadClient(choice: ClientChoice, target: ResolvedTarget): Promise<ClientUnderTest> {
  if (choice.adapterFile) return loadAdapterClient(choice.adapterFile);
  // A harness that cannot say hello within its case timeout would not answer a case either.
  return startHarnessClient(choice.harness!, {
    env: harnessCredentialEnv(target),
    caseTimeoutMs: choice.caseTimeoutMs,
    helloTimeoutMs: Math.min(15_000, choice.caseTimeoutMs),
  });
}
