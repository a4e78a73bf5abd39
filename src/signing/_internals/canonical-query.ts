import { percentDecode, percentEncode } from './percent-codec.ts';

/** One decoded query parameter; bytes, so that sorting does not depend on a text encoding. */
export interface QueryPair {
  readonly key: Buffer;
  readonly value: Buffer;
}

/** Splits a query (with or without '?'); a name without '=' has an empty value. Undefined on a bad escape. */
export function parseQuery(search: string): QueryPair[] | undefined {
  const pairs: QueryPair[] = [];
  for (const piece of search.replace(/^\?/, '').split('&')) {
    if (piece === '') continue;
    const eq = piece.indexOf('=');
    const key = percentDecode(eq < 0 ? piece : piece.slice(0, eq), true);
    const value = percentDecode(eq < 0 ? '' : piece.slice(eq + 1), true);
    if (key === undefined || value === undefined) return undefined;
    pairs.push({ key, value });
  }
  return pairs;
}

/**
 * `k=v&…`, RFC 3986-encoded. Keys are ordered by their decoded bytes, as both clouds' SDKs sort names
 * before encoding them. Equal keys: Huawei's SDKs order the decoded values, Volcengine's Node SDK the
 * encoded ones ('valueOrder').
 */
export function canonicalQuery(pairs: readonly QueryPair[], valueOrder: 'decoded' | 'encoded'): string {
  const rows = pairs.map((p) => ({ key: p.key, value: p.value, k: percentEncode(p.key), v: percentEncode(p.value) }));
  rows.sort((a, b) => {
    const byKey = Buffer.compare(a.key, b.key);
    if (byKey !== 0) return byKey;
    if (valueOrder === 'decoded') return Buffer.compare(a.value, b.value);
    return a.v < b.v ? -1 : a.v > b.v ? 1 : 0;
  });
  return rows.map((r) => `${r.k}=${r.v}`).join('&');
}
