// A harness in Node (docs/harness-protocol.md) around an in-process adapter (src/sdk/sdk-adapter.ts): by
// default the two official Node SDKs (@huaweicloud/huaweicloud-sdk-core, @volcengine/openapi) through the
// shipped adapters, or the adapter module given as its argument. It shows that a Node client is judged
// the same through the language-neutral protocol as in process (npm test runs both), and is a template
// for a team whose SDK is a Node package of its own.
//
//   npx conformance sdk --harness "node --import tsx examples/node-harness/harness.ts [ADAPTER]"
import { createInterface } from 'node:readline';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { components as Kps } from '../../generated/huaweicloud-kps.ts';
import type { components as Ecs } from '../../generated/volcengine-ecs.ts';
import huaweiSdk from '../../src/sdk/adapters/huaweicloud-sdk-core.ts';
import volcengineSdk from '../../src/sdk/adapters/volcengine-openapi.ts';
import type { SdkAdapter, SdkOutcome } from '../../src/sdk/sdk-adapter.ts';

/** A case as the protocol sends it: the operation and its request, of the spec's type (generated/). */
type CaseMessage = {
  id: number;
  endpoint: string;
  region: string;
  projectId?: string;
  credentials: { accessKeyVar: string; secretKeyVar: string };
} & (
  | { operation: 'AssociateKeypair'; request: Kps['schemas']['AssociateKeypairRequestBody'] }
  | { operation: 'BatchAssociateKeypair'; request: Kps['schemas']['BatchAssociateKeypairRequestBody'] }
  | { operation: 'AttachKeyPair'; request: Ecs['schemas']['AttachKeyPairRequest'] }
);

// stdout carries the protocol alone: whatever the SDKs write there (console or not) goes to stderr.
const protocolOut = process.stdout.write.bind(process.stdout);
process.stdout.write = process.stderr.write.bind(process.stderr) as typeof process.stdout.write;
const send = (message: unknown) => protocolOut(`${JSON.stringify(message)}\n`);

const official: SdkAdapter = { ...huaweiSdk, ...volcengineSdk, name: `node-official-sdks (${huaweiSdk.name}; ${volcengineSdk.name})` };
const given = process.argv[2];
const adapter: SdkAdapter = given ? ((await import(pathToFileURL(resolve(given)).href)) as { default: SdkAdapter }).default : official;
const operations = (['AssociateKeypair', 'BatchAssociateKeypair', 'AttachKeyPair'] as const).filter((op) => typeof adapter[method(op)] === 'function');
send({ protocol: 'keypair-conformance.harness/1', name: adapter.name, operations });

function method(op: CaseMessage['operation']): 'associateKeypair' | 'batchAssociateKeypair' | 'attachKeyPair' {
  return op === 'AttachKeyPair' ? 'attachKeyPair' : op === 'AssociateKeypair' ? 'associateKeypair' : 'batchAssociateKeypair';
}

async function handle(m: CaseMessage): Promise<SdkOutcome> {
  const accessKey = process.env[m.credentials.accessKeyVar] ?? '';
  const secretKey = process.env[m.credentials.secretKeyVar] ?? '';
  if (m.operation === 'AttachKeyPair') return adapter.attachKeyPair!(m.request, { endpoint: m.endpoint, region: m.region, accessKey, secretKey });
  const env = { endpoint: m.endpoint, region: m.region, projectId: m.projectId ?? '', accessKey, secretKey };
  // An operation the adapter lacks throws here, and the case's outcome says so.
  if (m.operation === 'AssociateKeypair') return adapter.associateKeypair!(m.request, env);
  return adapter.batchAssociateKeypair!(m.request, env);
}

// One case at a time, answered in order.
let queue = Promise.resolve();
createInterface({ input: process.stdin }).on('line', (line) => {
  const m = JSON.parse(line) as CaseMessage;
  queue = queue.then(async () => void send({ id: m.id, outcome: await handle(m).catch((e: Error) => ({ ok: false, message: e.message })) }));
});
