import { authorizationParams } from './_internals/authorization-params.ts';
import { foldValue } from './_internals/canonical-request.ts';
import { checkDate } from './_internals/check-date.ts';
import { constantTimeEqual, hmacSha256, sha256Hex } from './_internals/hashing.ts';
import { headerMap } from './_internals/header-map.ts';
import { lookupSecretKey } from './_internals/lookup-secret-key.ts';
import { receivedCanonicalRequest } from './_internals/received-canonical-request.ts';
import { parseSignedHeaders } from './_internals/signed-header-names.ts';
import { toBytes } from './_internals/to-bytes.ts';
import { volcengineSigningKey } from './_internals/volcengine-signing-key.ts';
import type { ReceivedRequest, VerificationFailure, VerifyOptions } from './types.ts';

export type VolcengineVerification = { readonly ok: true; readonly accessKey: string; readonly region: string; readonly service: string } | VerificationFailure;

const ALGORITHM = 'HMAC-SHA256';
const SHAPE = `${ALGORITHM} Credential=<AK>/<yyyymmdd>/<region>/<service>/request, SignedHeaders=<a;b>, Signature=<64 hex>`;

/** Server side of Volcengine HMAC-SHA256: says whether a received request was signed with a known key. Never throws. */
export function verifyVolcengineSignature(request: ReceivedRequest, options: VerifyOptions): VolcengineVerification {
  try {
    return verify(request, options);
  } catch (error) {
    return { ok: false, reason: 'malformed', detail: `request could not be read: ${String(error)}` };
  }
}

function verify(request: ReceivedRequest, options: VerifyOptions): VolcengineVerification {
  const headers = headerMap(request.headers);
  const authorization = headers.get('authorization');
  if (authorization === undefined) return { ok: false, reason: 'missing', detail: 'Authorization header is absent' };

  const params = authorizationParams(authorization, ALGORITHM);
  const scope = (params?.get('Credential') ?? '').split('/');
  const [accessKey, day, region, service, terminator] = scope;
  const signedHeaders = parseSignedHeaders(params?.get('SignedHeaders') ?? '');
  const signature = params?.get('Signature')?.toLowerCase();
  if (
    !params ||
    params.size !== 3 ||
    scope.length !== 5 ||
    terminator !== 'request' ||
    !accessKey ||
    !day ||
    !/^\d{8}$/.test(day) ||
    !region ||
    !service ||
    !signedHeaders ||
    !signature ||
    !/^[0-9a-f]{64}$/.test(signature)
  ) {
    return { ok: false, reason: 'malformed', detail: `Authorization ${JSON.stringify(authorization)} is not "${SHAPE}"` };
  }

  const date = headers.get('x-date');
  const dateFailure = checkDate('X-Date', date, options.now ?? (() => new Date()), options.maxSkewMs);
  if (dateFailure) return dateFailure;
  if (!date?.startsWith(day)) {
    return { ok: false, reason: 'malformed', detail: `credential scope date ${day} is not the day of X-Date ${date}` };
  }

  const secretKey = lookupSecretKey(options, accessKey);
  if (secretKey === undefined) return { ok: false, reason: 'unknown-access-key', detail: `access key ${accessKey} is not known` };

  // Always the hash of the bytes received: a signed X-Content-Sha256 that disagrees cannot verify.
  const text = receivedCanonicalRequest(request, headers, signedHeaders, sha256Hex(toBytes(request.body)), {
    trailingSlash: false,
    valueOrder: 'encoded',
    headerValue: foldValue,
  });
  if (typeof text !== 'string') return text;

  const stringToSign = `${ALGORITHM}\n${date}\n${day}/${region}/${service}/request\n${sha256Hex(text)}`;
  const expected = hmacSha256(volcengineSigningKey(secretKey, day, region, service), stringToSign).toString('hex');
  if (!constantTimeEqual(expected, signature)) {
    return { ok: false, reason: 'bad-signature', detail: `signature does not match the canonical request ${JSON.stringify(text)}` };
  }
  return { ok: true, accessKey, region, service };
}
