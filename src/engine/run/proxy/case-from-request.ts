import { getOperation } from '../../../spec/operations.ts';
import { decodeRpcQuery } from '../../../spec/wire-encoding.ts';
import type { Case, CaseOperation } from '../../cases/case.ts';
import type { WireAttempt } from '../../transport/client-wire.ts';

const encoding = getOperation('AttachKeyPair').wireEncoding!;
const HUAWEI_PATHS: readonly [RegExp, CaseOperation][] = [
  [/^\/v3\/[^/]+\/keypairs\/associate\/?$/, 'kps.associate'],
  [/^\/v3\/[^/]+\/keypairs\/batch-associate\/?$/, 'kps.batch-associate'],
  [/^\/v3\/[^/]+\/keypairs\/disassociate\/?$/, 'kps.disassociate'],
  [/^\/v3\/[^/]+\/tasks\/[^/]+\/?$/, 'kps.task'],
];

// A case made from a request a client sent through the proxy: the operation its path or Action names,
// the request as it decodes, and no prediction (kind any): the suite did not choose the request, so only
// what the documents promise of every answer is judged. Undefined for a request of no checked operation.
// One builder per family; the cloud registry (run/cloud-registry.ts) names which is whose.

/** A KPS request: the operation its path names, its JSON body (or the raw text when it is not JSON). */
export function huaweiCaseFromRequest(a: WireAttempt, n: number): Case | undefined {
  const url = new URL(a.request.url);
  const operation = HUAWEI_PATHS.find(([re]) => re.test(url.pathname))?.[1];
  if (!operation) return undefined;
  let body: unknown;
  try {
    body = a.request.body === undefined ? undefined : JSON.parse(a.request.body);
  } catch {
    return { ...base(operation, n), request: { rawBody: a.request.body } };
  }
  return { ...base(operation, n), request: operation === 'kps.task' ? { taskId: url.pathname.split('/')[4] } : { body } };
}

/** An AttachKeyPair request: its query decoded to the logical request, another Version kept. */
export function volcengineCaseFromRequest(a: WireAttempt, n: number): Case | undefined {
  const url = new URL(a.request.url);
  if (url.searchParams.get('Action') !== 'AttachKeyPair') return undefined;
  const decoded = decodeRpcQuery(encoding, url.searchParams.entries());
  const fixed = decoded.fixed.Version === '2020-04-01' ? {} : { fixed: { Action: 'AttachKeyPair', Version: decoded.fixed.Version } };
  return { ...base('ecs.attach-key-pair', n), request: { logical: decoded.request, ...fixed } };
}

function base(operation: CaseOperation, n: number): Omit<Case, 'request'> {
  return {
    id: `${operation}/proxy/${n}`,
    title: `request ${n} the client sent through the proxy`,
    source: 'model',
    operation,
    expect: { kind: 'any', rules: [] },
  };
}
