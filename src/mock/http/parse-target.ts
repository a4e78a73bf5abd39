/** Splits a request-target into its path and decoded query pairs; never throws on garbage. */
export function parseTarget(target: string): { path: string; query: [string, string][] } {
  const q = target.indexOf('?');
  const path = q === -1 ? target : target.slice(0, q);
  const search = q === -1 ? '' : target.slice(q + 1);
  const query: [string, string][] = [];
  for (const part of search.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = eq === -1 ? part : part.slice(0, eq);
    const value = eq === -1 ? '' : part.slice(eq + 1);
    query.push([safeDecode(key), safeDecode(value)]);
  }
  return { path, query };
}

/** Form-style decoding (`+` is a space); a malformed escape is kept as written rather than rejected. */
function safeDecode(text: string): string {
  if (!text.includes('%') && !text.includes('+')) return text;
  const spaced = text.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}
