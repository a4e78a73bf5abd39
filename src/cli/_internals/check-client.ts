import { resolve } from 'node:path';
import { loadClient } from '../../engine/runner/load-client.ts';
import { ClientBroken, type ClientChoice } from '../../engine/transport/clients/client-under-test.ts';
import { UsageError } from '../usage-error.ts';

/**
 * `sdk`: which client is under test, checked before anything starts, so a missing adapter, one that is
 * not an adapter or throws on import, or a harness that cannot say hello, is one line and exit 2 within
 * seconds rather than a run of failures.
 */
export async function checkClient(values: { adapter?: string; harness?: string; 'case-timeout'?: string }): Promise<ClientChoice> {
  if ((values.adapter === undefined) === (values.harness === undefined)) {
    throw new UsageError(
      'conformance sdk: give either --adapter FILE (a Node module, docs/sdk.md) or --harness "COMMAND" (any language, docs/harness-protocol.md).',
    );
  }
  const timeout = values['case-timeout'];
  if (timeout !== undefined && (!/^\d+$/.test(timeout) || Number(timeout) < 100 || Number(timeout) > 3_600_000)) {
    throw new UsageError(`conformance sdk: --case-timeout ${timeout} is not a whole number of milliseconds from 100 to 3600000.`);
  }
  const choice: ClientChoice = {
    ...(values.adapter !== undefined ? { adapterFile: resolve(values.adapter) } : { harness: values.harness! }),
    caseTimeoutMs: timeout === undefined ? 30_000 : Number(timeout),
  };
  if (choice.harness !== undefined && choice.harness.trim() === '')
    throw new UsageError('conformance sdk: --harness is empty. Give the command that starts the harness, e.g. --harness "python3 harness.py".');
  try {
    // No credentials yet: the check only needs the module to load, or the harness to say hello.
    const client = await loadClient(choice, {
      name: 'check',
      file: '',
      document: {},
      safety: { allowMutations: false, maxRequests: 0, requestsPerSecond: 1, requestTimeoutMs: 1 },
      secrets: [],
    });
    await client.close();
  } catch (error) {
    if (error instanceof ClientBroken) throw new UsageError(`conformance sdk: ${error.message}`);
    throw error;
  }
  return choice;
}
