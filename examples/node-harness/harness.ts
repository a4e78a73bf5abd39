// A harness in Node (docs/harness-protocol.md) for the two official Node SDKs: @huaweicloud/huaweicloud-sdk-core
// and @volcengine/openapi, through the shipped adapters. It shows that a Node SDK can be checked the
// language-neutral way too (npm test runs it next to the Python harness), and is a template for a team
// whose SDK is a Node package of its own.
//
//   npx conformance sdk --harness "node --import tsx examples/node-harness/harness.ts"
import { createInterface } from 'node:readline';
import huaweiSdk from '../../src/sdk/adapters/huaweicloud-sdk-core.ts';
import volcengineSdk from '../../src/sdk/adapters/volcengine-openapi.ts';
import type { SdkOutcome } from '../../src/sdk/sdk-adapter.ts';

interface CaseMessage {
  id: number;
  operation: 'AssociateKeypair' | 'BatchAssociateKeypair' | 'AttachKeyPair';
  request: any;
  endpoint: string;
  region: string;
  projectId?: string;
  credentials: { accessKeyVar: string; secretKeyVar: string };
}

// stdout carries the protocol alone: whatever the SDKs write there (console or not) goes to stderr.
const protocolOut = process.stdout.write.bind(process.stdout);
process.stdout.write = process.stderr.write.bind(process.stderr) as typeof process.stdout.write;
const send = (message: unknown) => protocolOut(`${JSON.stringify(message)}\n`);

send({ protocol: 'keypair-conformance.harness/1', name: `node-official-sdks (${huaweiSdk.name}; ${volcengineSdk.name})`, operations: ['AssociateKeypair', 'BatchAssociateKeypair', 'AttachKeyPair'] });

async function handle(m: CaseMessage): Promise<SdkOutcome> {
  const accessKey = process.env[m.credentials.accessKeyVar] ?? '';
  const secretKey = process.env[m.credentials.secretKeyVar] ?? '';
  if (m.operation === 'AttachKeyPair') return volcengineSdk.attachKeyPair!(m.request, { endpoint: m.endpoint, region: m.region, accessKey, secretKey });
  const env = { endpoint: m.endpoint, region: m.region, projectId: m.projectId ?? '', accessKey, secretKey };
  return m.operation === 'AssociateKeypair' ? huaweiSdk.associateKeypair!(m.request, env) : huaweiSdk.batchAssociateKeypair!(m.request, env);
}

// One case at a time, answered in order.
let queue = Promise.resolve();
createInterface({ input: process.stdin }).on('line', (line) => {
  const m = JSON.parse(line) as CaseMessage;
  queue = queue.then(async () => send({ id: m.id, outcome: await handle(m).catch((e: Error) => ({ ok: false, message: e.message })) }));
});
