import { verifyHuaweiSignature, verifyVolcengineSignature } from '../../../signing/index.ts';
import type { Case } from '../../cases/case.ts';
import { ContractFailure } from '../../checks/contract-failure.ts';
import type { ResolvedTarget } from '../../target/resolved-target.ts';
import type { SentRequest } from '../../transport/exchange.ts';

/**
 * Checks the request an SDK sent, on the wire: the headers its cloud requires, and a signature that our
 * own verifiers (the reference mock's) accept for the target's credentials. Returns the failures, each
 * under the rule whose answer the SDK would otherwise get (a request that does not verify is a 401).
 */
export function sdkWireFailures(c: Case, sent: SentRequest, target: ResolvedTarget): ContractFailure[] {
  const headers = Object.fromEntries(Object.entries(sent.headers).map(([k, v]) => [k.toLowerCase(), v]));
  const url = new URL(sent.url);
  const received = { method: sent.method, target: url.pathname + url.search, headers, body: sent.body };
  const failures: ContractFailure[] = [];
  const auth = c.request.auth ?? 'default';
  if (auth !== 'default') return failures; // wrong keys on purpose: the target's 401 is what counts
  if (c.operation.startsWith('kps.')) {
    const creds = target.huaweicloud!.credentials;
    if (creds.kind !== 'aksk') return failures;
    if (!headers['x-sdk-date']) failures.push(new ContractFailure('kps.auth.stale-date', 'The SDK sent no X-Sdk-Date', JSON.stringify(Object.keys(headers)), 'X-Sdk-Date: YYYYMMDDTHHMMSSZ on every AK/SK request'));
    if (!headers['x-project-id']) failures.push(new ContractFailure('kps.auth.bad-signature', 'The SDK sent no X-Project-Id', JSON.stringify(Object.keys(headers)), 'X-Project-Id with AK/SK credentials'));
    const result = verifyHuaweiSignature(received, { lookupSecretKey: (ak) => (ak === creds.accessKey ? creds.secretKey : undefined) });
    if (!result.ok) failures.push(new ContractFailure('kps.auth.bad-signature', `The SDK's signature does not verify (${result.reason})`, result.detail.slice(0, 300), 'SDK-HMAC-SHA256 over the exact request sent'));
  } else {
    const creds = target.volcengine!.credentials;
    if (!headers['x-date']) failures.push(new ContractFailure('ecs.auth.bad-signature', 'The SDK sent no X-Date', JSON.stringify(Object.keys(headers)), 'X-Date: YYYYMMDDTHHMMSSZ on every signed request'));
    const result = verifyVolcengineSignature(received, { lookupSecretKey: (ak) => (ak === creds.accessKey ? creds.secretKey : undefined) });
    if (!result.ok) failures.push(new ContractFailure('ecs.auth.bad-signature', `The SDK's signature does not verify (${result.reason})`, result.detail.slice(0, 300), 'HMAC-SHA256 over the exact request sent'));
  }
  return failures;
}
