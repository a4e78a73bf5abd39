// RFC 3986 §2.3 unreserved bytes: the only ones both clouds' canonical forms leave as they are.
const UNRESERVED = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~') UNRESERVED[c.charCodeAt(0)] = 1;
const HEX = '0123456789ABCDEF';
/** Text made only of unreserved characters encodes to itself and decodes to its own bytes. */
const ALL_UNRESERVED = /^[A-Za-z0-9\-._~]*$/;

/** True when every byte is unreserved ASCII: encoding it changes nothing. */
function allUnreserved(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b >= 128 || !UNRESERVED[b]) return false;
  return true;
}

/** Percent-encodes every byte but the unreserved ones, upper-case hex; space is %20, never '+'. */
export function percentEncode(value: string | Uint8Array): string {
  // The common case on the verifier's hot path (ids, names, dates): nothing to escape.
  if (typeof value === 'string' && ALL_UNRESERVED.test(value)) return value;
  const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
  if (allUnreserved(bytes)) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  let out = '';
  for (const b of bytes) {
    out += b < 128 && UNRESERVED[b] ? String.fromCharCode(b) : `%${HEX[b >> 4]}${HEX[b & 15]}`;
  }
  return out;
}

/**
 * Decodes to bytes, not text, so that a request whose escapes are not UTF-8 still has one canonical form.
 * `plusIsSpace` for queries: form encoders (axios, URLSearchParams) send a space as '+'.
 * Undefined when a '%' is not followed by two hex digits.
 */
export function percentDecode(text: string, plusIsSpace: boolean): Buffer | undefined {
  if (!text.includes('%') && !(plusIsSpace && text.includes('+'))) return Buffer.from(text, 'utf8');
  const parts: Buffer[] = [];
  let plain = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '%') {
      const hex = text.slice(i + 1, i + 3);
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) return undefined;
      parts.push(Buffer.from(plain, 'utf8'), Buffer.from([parseInt(hex, 16)]));
      plain = '';
      i += 2;
    } else {
      plain += plusIsSpace && c === '+' ? ' ' : c;
    }
  }
  parts.push(Buffer.from(plain, 'utf8'));
  return Buffer.concat(parts);
}
