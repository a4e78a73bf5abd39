// RFC 9110 token, lower case: anything else cannot sit in a ';'-separated SignedHeaders list.
const TOKEN = /^[!#$%&'*+.^_`|~0-9a-z-]+$/;

/**
 * The names a signer signs, sorted: 'all' is every header the request carries but Authorization; a list
 * keeps those of its names the request carries. The date header is always signed.
 */
export function chooseSignedHeaders(headers: ReadonlyMap<string, string>, wanted: 'all' | readonly string[] | undefined, dateHeader: string): string[] {
  const names = wanted === undefined || wanted === 'all' ? [...headers.keys()] : wanted.map((n) => n.toLowerCase());
  const chosen = new Set(names.filter((n) => n !== 'authorization' && headers.has(n)));
  chosen.add(dateHeader);
  for (const name of chosen) {
    if (!TOKEN.test(name)) throw new TypeError(`header name ${JSON.stringify(name)} cannot be signed: it is not an HTTP token`);
  }
  return [...chosen].sort();
}

/** A received SignedHeaders value as a list, or undefined when it is empty, repeats or holds a non-token. */
export function parseSignedHeaders(text: string): string[] | undefined {
  const names = text.split(';');
  if (names.some((n) => !TOKEN.test(n)) || new Set(names).size !== names.length) return undefined;
  return names;
}
