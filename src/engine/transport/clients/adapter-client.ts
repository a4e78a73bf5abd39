import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { COMPILED } from '../../../package-layout.ts';
import type { SdkAdapter, SdkOutcome } from '../../../sdk/sdk-adapter.ts';
import { ClientBroken, type ClientCall, type ClientOperation, type ClientUnderTest } from './client-under-test.ts';

const METHOD: Record<ClientOperation, keyof SdkAdapter> = {
  AssociateKeypair: 'associateKeypair',
  BatchAssociateKeypair: 'batchAssociateKeypair',
  AttachKeyPair: 'attachKeyPair',
};

/**
 * Loads an in-process adapter module and checks it is one (docs/sdk.md): a default export with a name
 * and at least one operation function. Every way of not being one is a `ClientBroken` naming the fix.
 */
export async function loadAdapterClient(file: string): Promise<ClientUnderTest> {
  if (!existsSync(file))
    throw new ClientBroken(
      `the adapter ${file} does not exist. Give the path of a module whose default export implements SdkAdapter (docs/sdk.md, "An adapter, for a Node package").`,
    );
  let module: { default?: unknown };
  try {
    module = (await importModule(file)) as { default?: unknown };
  } catch (error) {
    throw new ClientBroken(
      `the adapter ${file} throws when it is imported: ${oneLine(error)}. Fix the module so that importing it has no failing side effects.`,
    );
  }
  return adapterClientOf(module.default, file);
}

/** Wraps an adapter value as a client under test, checking it is one (`file` names it in errors). */
export function adapterClientOf(value: unknown, file = 'module'): ClientUnderTest {
  const adapter = value as Partial<Record<string, unknown>> | undefined;
  if (adapter === undefined)
    throw new ClientBroken(`the adapter ${file} has no default export. Export the adapter object: export default { name, attachKeyPair, … } (docs/sdk.md).`);
  if (adapter === null || typeof adapter !== 'object')
    throw new ClientBroken(
      `the adapter ${file}'s default export is ${adapter === null ? 'null' : typeof adapter}, not an adapter. Export an object with a name and one function per operation (docs/sdk.md).`,
    );
  const operations = new Set((Object.keys(METHOD) as ClientOperation[]).filter((op) => typeof adapter[METHOD[op]] === 'function'));
  if (operations.size === 0)
    throw new ClientBroken(
      `the adapter ${file} has none of associateKeypair, batchAssociateKeypair, attachKeyPair as a function. Add the ones the SDK offers (docs/sdk.md).`,
    );
  if (typeof adapter.name !== 'string' || adapter.name === '')
    throw new ClientBroken(`the adapter ${file} has no name. Add name: '<sdk> <version>' to its default export.`);
  return new AdapterClient(adapter as unknown as SdkAdapter, operations);
}

/**
 * An in-process adapter. While it is loaded, what the SDK writes to stdout or stderr (console included) is
 * kept, not printed: it is scanned for credentials and written redacted, never raw to the run's output.
 */
class AdapterClient implements ClientUnderTest {
  private output = '';
  /** Kept from load to close: an SDK may log after its call has returned. */
  private readonly release: () => void;
  constructor(
    private readonly adapter: SdkAdapter,
    readonly operations: ReadonlySet<ClientOperation>,
  ) {
    this.release = this.capture();
  }

  get name(): string {
    return this.adapter.name;
  }

  async call(call: ClientCall): Promise<SdkOutcome> {
    const credential = call.credential;
    const common = { endpoint: call.endpoint, region: call.region, accessKey: credential.accessKey, secretKey: credential.secretKey };
    const env = call.projectId !== undefined ? { ...common, projectId: call.projectId } : common;
    const fn = this.adapter[METHOD[call.operation]] as unknown as (request: unknown, env: unknown) => Promise<SdkOutcome>;
    try {
      const outcome = await fn.call(this.adapter, call.request, env);
      return outcome ?? { ok: false, message: 'the adapter returned nothing' };
    } catch (error) {
      // An adapter that throws is a finding about the adapter's outcome, not a crash of the run.
      return { ok: false, message: `the adapter threw: ${oneLine(error)}` };
    }
  }

  takeOutput(): string {
    const out = this.output;
    this.output = '';
    return out;
  }

  async close(): Promise<void> {
    this.release();
  }

  /** Diverts process.stdout/stderr writes into `output` until the returned function is called. */
  private capture(): () => void {
    const streams = [process.stdout, process.stderr] as const;
    const originals = streams.map((s) => s.write);
    for (const s of streams) {
      s.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
        this.output += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
        const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
        done?.();
        return true;
      }) as typeof s.write;
    }
    return () => streams.forEach((s, i) => (s.write = originals[i]!));
  }
}

/**
 * Imports the adapter module. An adapter written in TypeScript (an SDK team's usual choice) needs a loader:
 * a clone already runs under one (tsx in the CLI, Playwright's transform in the workers), but the compiled
 * code of an installed package does not, so there, and only for a TypeScript file, tsx loads it, scoped
 * to that import (tsImport: nothing else the process imports goes through tsx).
 */
async function importModule(file: string): Promise<unknown> {
  const url = pathToFileURL(file).href;
  if (!COMPILED || !/\.[cm]?ts$/.test(file)) return import(url);
  const { tsImport } = await import('tsx/esm/api');
  return tsImport(url, import.meta.url);
}

function oneLine(error: unknown): string {
  return String((error as Error)?.message ?? error)
    .split('\n')[0]!
    .slice(0, 300);
}
