/** The parts both clouds hash; they share one layout. */
export interface CanonicalParts {
  readonly method: string;
  readonly path: string;
  readonly query: string;
  /** Lower-cased names to values; must hold every signed name. */
  readonly headers: ReadonlyMap<string, string>;
  /** Lower-cased, in the order the Authorization header lists them. */
  readonly signedHeaders: readonly string[];
  readonly payloadHash: string;
  /** Huawei trims values; Volcengine also folds inner whitespace runs to one space. */
  readonly headerValue: (value: string) => string;
}

/** METHOD\npath\nquery\nname:value\n…\n\nsigned;names\npayloadHash */
export function canonicalRequest(p: CanonicalParts): string {
  const lines = p.signedHeaders.map((name) => `${name}:${p.headerValue(p.headers.get(name) ?? '')}\n`).join('');
  return [p.method, p.path, p.query, lines, p.signedHeaders.join(';'), p.payloadHash].join('\n');
}

export const trimValue = (value: string): string => value.trim();
export const foldValue = (value: string): string => value.replace(/\s+/g, ' ').trim();
