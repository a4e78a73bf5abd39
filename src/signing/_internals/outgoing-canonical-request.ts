import { canonicalPath } from './canonical-path.ts';
import { canonicalQuery, parseQuery } from './canonical-query.ts';
import { canonicalRequest } from './canonical-request.ts';
import { headerMap } from './header-map.ts';
import { chooseSignedHeaders } from './signed-header-names.ts';

/** How a cloud canonicalises a request it is about to send (the parts where the two clouds differ). */
export interface OutgoingStyle {
  readonly dateHeader: string;
  /** Huawei always ends the canonical path with `/`; Volcengine does not. */
  readonly trailingSlash: boolean;
  /** Huawei sorts query pairs by decoded value, Volcengine by encoded value. */
  readonly queryOrder: 'decoded' | 'encoded';
  readonly headerValue: (value: string) => string;
}

/**
 * The canonical request of a request about to be sent, the header names it signs, and its canonical
 * query (which the signer puts in the URL it sends, so no client re-encodes it). Host is signed
 * as the HTTP client will send it (WHATWG host: default port dropped).
 */
export function outgoingCanonicalRequest(
  method: string,
  url: URL,
  headers: Record<string, string>,
  signedHeaderOption: 'all' | readonly string[] | undefined,
  payloadHash: string,
  style: OutgoingStyle,
): { text: string; signedHeaders: readonly string[]; query: string } {
  const values = headerMap(headers);
  if (!values.has('host')) values.set('host', url.host);
  const signedHeaders = chooseSignedHeaders(values, signedHeaderOption, style.dateHeader);
  const path = canonicalPath(url.pathname, style.trailingSlash);
  const pairs = parseQuery(url.search);
  if (path === undefined || pairs === undefined) throw new TypeError(`${url.href} has a bad percent-escape`);
  const query = canonicalQuery(pairs, style.queryOrder);
  return { text: canonicalRequest({ method, path, query, headers: values, signedHeaders, payloadHash, headerValue: style.headerValue }), signedHeaders, query };
}
