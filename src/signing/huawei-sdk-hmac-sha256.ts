import { formatBasicDate } from './_internals/basic-date.ts';
import { trimValue } from './_internals/canonical-request.ts';
import { hmacSha256, sha256Hex } from './_internals/hashing.ts';
import { headerMap } from './_internals/header-map.ts';
import { outgoingCanonicalRequest } from './_internals/outgoing-canonical-request.ts';
import { toBytes } from './_internals/to-bytes.ts';
import type { RequestToSign, SignedRequest } from './types.ts';

export interface HuaweiSigningOptions {
  readonly accessKey: string;
  readonly secretKey: string;
  /** Signing time (whole seconds). Default: now. */
  readonly date?: Date;
  /**
   * 'all' (default): every header given plus host and x-sdk-date (AKSKSigner signs all it holds; the Go SDK
   * all but content-type). A list signs those of its names the request carries, e.g.
   * SIGNED_HEADER_PRESETS.huaweiNodeSdk.
   */
  readonly signedHeaders?: 'all' | readonly string[];
  /** Sent as X-Project-Id, as BasicCredentials does. */
  readonly projectId?: string;
  /** Temporary credentials: sent as X-Security-Token. */
  readonly securityToken?: string;
  /** Sends `X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD` and signs that literal instead of the body hash. */
  readonly unsignedPayload?: boolean;
}

const ALGORITHM = 'SDK-HMAC-SHA256';
const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';
// Headers this signer owns; a caller's copy would contradict what is signed.
const OWNED = new Set(['authorization', 'x-sdk-date', 'x-project-id', 'x-security-token', 'x-sdk-content-sha256']);

/** Signs a request with Huawei Cloud's SDK-HMAC-SHA256 (API Gateway AK/SK authentication). */
export function huaweiSdkHmacSha256(request: RequestToSign, options: HuaweiSigningOptions): SignedRequest {
  const url = new URL(request.url);
  const method = request.method.toUpperCase();
  const body = toBytes(request.body);
  const date = formatBasicDate(options.date ?? new Date());

  const headers: Record<string, string> = {};
  for (const [name, value] of headerMap(request.headers)) if (!OWNED.has(name)) headers[name] = value;
  headers['X-Sdk-Date'] = date;
  if (options.projectId !== undefined) headers['X-Project-Id'] = options.projectId;
  if (options.securityToken !== undefined) headers['X-Security-Token'] = options.securityToken;
  if (options.unsignedPayload) headers['X-Sdk-Content-Sha256'] = UNSIGNED_PAYLOAD;

  const payloadHash = options.unsignedPayload ? UNSIGNED_PAYLOAD : sha256Hex(body);
  const { text, signedHeaders, query } = outgoingCanonicalRequest(method, url, headers, options.signedHeaders, payloadHash, {
    dateHeader: 'x-sdk-date',
    trailingSlash: true,
    queryOrder: 'decoded',
    headerValue: trimValue,
  });
  const stringToSign = `${ALGORITHM}\n${date}\n${sha256Hex(text)}`;
  const signature = hmacSha256(options.secretKey, stringToSign).toString('hex');
  headers['Authorization'] = `${ALGORITHM} Access=${options.accessKey}, SignedHeaders=${signedHeaders.join(';')}, Signature=${signature}`;

  url.search = query;
  url.hash = '';
  return { method, url: url.href, headers, body: request.body === undefined ? undefined : body, canonicalRequest: text, stringToSign };
}
