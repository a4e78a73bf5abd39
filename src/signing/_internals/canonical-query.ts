import { percentDecode, percentEncode } from './percent-codec.ts';

/**
 * One decoded query parameter, as bytes held one per character (latin1), so that sorting compares bytes,
 * not a text encoding, and the common case (unreserved ASCII, its own bytes) needs no Buffer at all.
 */
export interface QueryPair {
  readonly key: string;
  readonly value: string;
}

const UNRESERVED_ONLY = /^[A-Za-z0-9\-._~]*$/;

/** Percent-decoded bytes of a query piece ('+' is a space), one per character; undefined on a bad escape. */
function decodeToBytes(text: string): string | undefined {
  if (UNRESERVED_ONLY.test(text)) return text;
  return percentDecode(text, true)?.toString('latin1');
}

/** RFC 3986 encoding of bytes held one per character. */
function encodeBytes(bytes: string): string {
  return UNRESERVED_ONLY.test(bytes) ? bytes : percentEncode(Buffer.from(bytes, 'latin1'));
}

/** Splits a query (with or without '?'); a name without '=' has an empty value. Undefined on a bad escape. */
export function parseQuery(search: string): QueryPair[] | undefined {
  const pairs: QueryPair[] = [];
  for (const piece of (search.startsWith('?') ? search.slice(1) : search).split('&')) {
    if (piece === '') continue;
    const eq = piece.indexOf('=');
    const key = decodeToBytes(eq < 0 ? piece : piece.slice(0, eq));
    const value = decodeToBytes(eq < 0 ? '' : piece.slice(eq + 1));
    if (key === undefined || value === undefined) return undefined;
    pairs.push({ key, value });
  }
  return pairs;
}

const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * `k=v&…`, RFC 3986-encoded. Keys are ordered by their decoded bytes, as both clouds' SDKs sort names
 * before encoding them. Equal keys: Huawei's SDKs order the decoded values, Volcengine's Node SDK the
 * encoded ones ('valueOrder').
 */
export function canonicalQuery(pairs: readonly QueryPair[], valueOrder: 'decoded' | 'encoded'): string {
  const rows = pairs.map((p) => ({ key: p.key, value: p.value, k: encodeBytes(p.key), v: encodeBytes(p.value) }));
  // Strings of characters 0–255 compare as their bytes do.
  rows.sort((a, b) => order(a.key, b.key) || (valueOrder === 'decoded' ? order(a.value, b.value) : order(a.v, b.v)));
  return rows.map((r) => `${r.k}=${r.v}`).join('&');
}
