import type { ReceivedRequest, VerificationFailure } from '../types.ts';
import { canonicalPath } from './canonical-path.ts';
import { canonicalQuery, parseQuery } from './canonical-query.ts';
import { canonicalRequest } from './canonical-request.ts';
import { splitTarget } from './request-target.ts';

export interface CanonicalRules {
  readonly trailingSlash: boolean;
  readonly valueOrder: 'decoded' | 'encoded';
  readonly headerValue: (value: string) => string;
}

/**
 * Rebuilds the canonical request from the request as received, with the signed names the client listed,
 * so requests from any client verify whatever header set it chose to sign.
 */
export function receivedCanonicalRequest(
  request: ReceivedRequest,
  headers: ReadonlyMap<string, string>,
  signedHeaders: readonly string[],
  payloadHash: string,
  rules: CanonicalRules,
): string | VerificationFailure {
  const absent = signedHeaders.find((name) => !headers.has(name));
  if (absent !== undefined) {
    return { ok: false, reason: 'bad-signature', detail: `signed header ${absent} is absent from the request` };
  }
  const { path, query } = splitTarget(request.target);
  const cPath = canonicalPath(path, rules.trailingSlash);
  const pairs = parseQuery(query);
  if (cPath === undefined || pairs === undefined) {
    return { ok: false, reason: 'malformed', detail: `request-target ${JSON.stringify(request.target)} has a bad percent-escape` };
  }
  return canonicalRequest({
    method: String(request.method).toUpperCase(),
    path: cPath,
    query: canonicalQuery(pairs, rules.valueOrder),
    headers,
    signedHeaders,
    payloadHash,
    headerValue: rules.headerValue,
  });
}
