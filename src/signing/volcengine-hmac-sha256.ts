import { formatBasicDate } from './_internals/basic-date.ts';
import { foldValue } from './_internals/canonical-request.ts';
import { hmacSha256, sha256Hex } from './_internals/hashing.ts';
import { headerMap } from './_internals/header-map.ts';
import { outgoingCanonicalRequest } from './_internals/outgoing-canonical-request.ts';
import { toBytes } from './_internals/to-bytes.ts';
import { volcengineSigningKey } from './_internals/volcengine-signing-key.ts';
import type { RequestToSign, SignedRequest } from './types.ts';

export interface VolcengineSigningOptions {
  readonly accessKey: string;
  readonly secretKey: string;
  readonly region: string;
  /** Credential-scope service, e.g. 'ecs'. */
  readonly service: string;
  /** Signing time (whole seconds). Default: now. */
  readonly date?: Date;
  /** Temporary credentials: sent as X-Security-Token. */
  readonly securityToken?: string;
  /**
   * 'all' (default): every header given plus host, x-date and the headers this signer adds. A list signs
   * those of its names the request carries: SIGNED_HEADER_PRESETS.volcengineNodeSdk / volcengineGoSdk.
   */
  readonly signedHeaders?: 'all' | readonly string[];
  /** When to send X-Content-Sha256: 'always' (default, Go SDK) or 'with-body' (Node SDK) or 'never'. */
  readonly contentSha256?: 'always' | 'with-body' | 'never';
}

const ALGORITHM = 'HMAC-SHA256';
const OWNED = new Set(['authorization', 'x-date', 'x-security-token', 'x-content-sha256']);

/** Signs a request with Volcengine's HMAC-SHA256 (OpenAPI gateway). */
export function volcengineHmacSha256(request: RequestToSign, options: VolcengineSigningOptions): SignedRequest {
  const url = new URL(request.url);
  const method = request.method.toUpperCase();
  const body = toBytes(request.body);
  const bodyHash = sha256Hex(body);
  const date = formatBasicDate(options.date ?? new Date());
  const scope = `${date.slice(0, 8)}/${options.region}/${options.service}/request`;

  const headers: Record<string, string> = {};
  for (const [name, value] of headerMap(request.headers)) if (!OWNED.has(name)) headers[name] = value;
  headers['X-Date'] = date;
  if (options.securityToken !== undefined) headers['X-Security-Token'] = options.securityToken;
  const contentSha256 = options.contentSha256 ?? 'always';
  if (contentSha256 === 'always' || (contentSha256 === 'with-body' && body.length > 0)) {
    headers['X-Content-Sha256'] = bodyHash;
  }

  const { text, signedHeaders, query } = outgoingCanonicalRequest(method, url, headers, options.signedHeaders, bodyHash, {
    dateHeader: 'x-date',
    trailingSlash: false,
    queryOrder: 'encoded',
    headerValue: foldValue,
  });
  const stringToSign = `${ALGORITHM}\n${date}\n${scope}\n${sha256Hex(text)}`;
  const key = volcengineSigningKey(options.secretKey, date.slice(0, 8), options.region, options.service);
  const signature = hmacSha256(key, stringToSign).toString('hex');
  headers['Authorization'] = `${ALGORITHM} Credential=${options.accessKey}/${scope}, SignedHeaders=${signedHeaders.join(';')}, Signature=${signature}`;

  url.search = query;
  url.hash = '';
  return { method, url: url.href, headers, body: request.body === undefined ? undefined : body, canonicalRequest: text, stringToSign };
}
