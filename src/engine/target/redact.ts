/** What replaces a secret in anything the suite writes or prints. */
export const REDACTED = '[REDACTED]';

const SECRET_HEADERS = new Set(['authorization', 'x-auth-token', 'x-security-token', 'x-subject-token']);

/**
 * Returns a deep copy of `value` with every secret removed: the credential values themselves wherever
 * they occur, the Authorization/token headers (the signature and the access key with them), and
 * `auth.key` members (a password or a private key, `x-secret` in the spec), also inside JSON text.
 */
export function redact<T>(value: T, secrets: readonly string[]): T {
  const known = secrets.filter((s) => s.length >= 4).sort((a, b) => b.length - a.length);
  const text = (s: string) => {
    let out = s.replace(/("key"\s*:\s*)"(?:[^"\\]|\\.)*"/g, `$1"${REDACTED}"`);
    for (const secret of known) out = out.split(secret).join(REDACTED);
    return out;
  };
  const walk = (node: unknown, key?: string, parentKey?: string): unknown => {
    if (typeof node === 'string') {
      if (key !== undefined && SECRET_HEADERS.has(key.toLowerCase())) return redactHeader(node);
      if (key === 'key' && parentKey === 'auth') return REDACTED;
      return text(node);
    }
    if (Array.isArray(node)) return node.map((n) => walk(n, undefined, key));
    if (node && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, walk(v, k, key)]));
    }
    return node;
  };
  return walk(value) as T;
}

/** Keeps the scheme of an Authorization header (which algorithm was used), nothing else. */
function redactHeader(value: string): string {
  const scheme = value.match(/^(SDK-HMAC-SHA256|HMAC-SHA256)\s/)?.[1];
  return scheme ? `${scheme} ${REDACTED}` : REDACTED;
}
