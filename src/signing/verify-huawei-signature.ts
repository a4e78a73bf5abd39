import { authorizationParams } from './_internals/authorization-params.ts';
import { trimValue } from './_internals/canonical-request.ts';
import { checkDate } from './_internals/check-date.ts';
import { constantTimeEqual, hmacSha256, sha256Hex } from './_internals/hashing.ts';
import { headerMap } from './_internals/header-map.ts';
import { lookupSecretKey } from './_internals/lookup-secret-key.ts';
import { receivedCanonicalRequest } from './_internals/received-canonical-request.ts';
import { parseSignedHeaders } from './_internals/signed-header-names.ts';
import { toBytes } from './_internals/to-bytes.ts';
import type { ReceivedRequest, VerificationFailure, VerifyOptions } from './types.ts';

export type HuaweiVerification = { readonly ok: true; readonly accessKey: string } | VerificationFailure;

const ALGORITHM = 'SDK-HMAC-SHA256';
const SHAPE = `${ALGORITHM} Access=<AK>, SignedHeaders=<a;b>, Signature=<64 hex>`;

/** Server side of SDK-HMAC-SHA256: says whether a received request was signed with a known key. Never throws. */
export function verifyHuaweiSignature(request: ReceivedRequest, options: VerifyOptions): HuaweiVerification {
  try {
    return verify(request, options);
  } catch (error) {
    return { ok: false, reason: 'malformed', detail: `request could not be read: ${String(error)}` };
  }
}

function verify(request: ReceivedRequest, options: VerifyOptions): HuaweiVerification {
  const headers = headerMap(request.headers);
  const authorization = headers.get('authorization');
  if (authorization === undefined) return { ok: false, reason: 'missing', detail: 'Authorization header is absent' };

  const params = authorizationParams(authorization, ALGORITHM);
  const accessKey = params?.get('Access');
  const signedHeaders = parseSignedHeaders(params?.get('SignedHeaders') ?? '');
  const signature = params?.get('Signature')?.toLowerCase();
  if (!params || params.size !== 3 || !accessKey || !signedHeaders || !signature || !/^[0-9a-f]{64}$/.test(signature)) {
    return { ok: false, reason: 'malformed', detail: `Authorization ${JSON.stringify(authorization)} is not "${SHAPE}"` };
  }

  const date = headers.get('x-sdk-date');
  const dateFailure = checkDate('X-Sdk-Date', date, options.now ?? (() => new Date()), options.maxSkewMs);
  if (dateFailure) return dateFailure;

  const secretKey = lookupSecretKey(options, accessKey);
  if (secretKey === undefined) return { ok: false, reason: 'unknown-access-key', detail: `access key ${accessKey} is not known` };

  // UNSIGNED-PAYLOAD is the one literal the SDKs sign in place of the body hash.
  const unsigned = headers.get('x-sdk-content-sha256') === 'UNSIGNED-PAYLOAD';
  const payloadHash = unsigned ? 'UNSIGNED-PAYLOAD' : sha256Hex(toBytes(request.body));
  const text = receivedCanonicalRequest(request, headers, signedHeaders, payloadHash, {
    trailingSlash: true,
    valueOrder: 'decoded',
    headerValue: trimValue,
  });
  if (typeof text !== 'string') return text;

  const expected = hmacSha256(secretKey, `${ALGORITHM}\n${date}\n${sha256Hex(text)}`).toString('hex');
  if (!constantTimeEqual(expected, signature)) {
    return { ok: false, reason: 'bad-signature', detail: `signature does not match the canonical request ${JSON.stringify(text)}` };
  }
  return { ok: true, accessKey };
}
