import { test, expect } from '@playwright/test';
import fc from 'fast-check';
import { formatBasicDate, parseBasicDate } from '../../src/signing/_internals/basic-date.ts';
import { canonicalPath } from '../../src/signing/_internals/canonical-path.ts';
import { canonicalQuery, parseQuery } from '../../src/signing/_internals/canonical-query.ts';
import { percentDecode, percentEncode } from '../../src/signing/_internals/percent-codec.ts';

// The verifiers' hot path skips work for the common case (text with nothing to escape, a date read
// field by field). Each shortcut must give what the plain definition gives, for every input.

/** RFC 3986 encoding by its definition: encodeURIComponent leaves !'()* alone, which RFC 3986 escapes. */
const rfc3986 = (text: string) => encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** Percent-decoding to bytes by its definition, one character at a time. */
function decodeByDefinition(text: string, plusIsSpace: boolean): Buffer | undefined {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '%') {
      if (!/^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) return undefined;
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(plusIsSpace && text[i] === '+' ? ' ' : text[i]!, 'utf8'));
    }
  }
  return Buffer.from(bytes);
}

// Unreserved characters, the characters that need escaping, and escapes good and bad.
const urlText = fc
  .array(fc.oneof(fc.constantFrom('a', 'Z', '0', '-', '.', '_', '~', '+', '/', ' ', '%', '%2F', '%e4', '%zz', '中', '!', '*'), fc.string({ maxLength: 3 })), {
    maxLength: 12,
  })
  .map((parts) => parts.join(''));

test('percentEncode of text gives RFC 3986 encoding of its UTF-8, fast path or not', () => {
  fc.assert(
    fc.property(
      urlText.filter((t) => Buffer.from(t, 'utf8').toString('utf8') === t),
      (text) => {
        expect(percentEncode(text)).toBe(rfc3986(text));
        expect(percentEncode(Buffer.from(text, 'utf8'))).toBe(rfc3986(text));
      },
    ),
    { numRuns: 2000 },
  );
});

test('percentDecode gives the bytes the escapes spell, fast path or not', () => {
  fc.assert(
    fc.property(urlText, fc.boolean(), (text, plusIsSpace) => {
      expect(percentDecode(text, plusIsSpace)).toEqual(decodeByDefinition(text, plusIsSpace));
    }),
    { numRuns: 2000 },
  );
});

/** A byte as RFC 3986 writes it: unreserved ASCII as itself, anything else as upper-case %XX. */
const encodeByte = (b: number) =>
  /^[A-Za-z0-9\-._~]$/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;

test('canonicalPath decodes each segment and encodes it once, fast path or not', () => {
  fc.assert(
    fc.property(fc.array(urlText, { minLength: 1, maxLength: 5 }), fc.boolean(), (segments, trailingSlash) => {
      const path = `/${segments.join('/')}`;
      const decoded = path.split('/').map((s) => decodeByDefinition(s, false));
      const actual = canonicalPath(path, trailingSlash);
      if (decoded.some((d) => d === undefined)) return expect(actual).toBeUndefined();
      const joined = decoded.map((d) => [...d!].map(encodeByte).join('')).join('/');
      const expected = joined === '' ? '/' : trailingSlash && !joined.endsWith('/') ? `${joined}/` : joined;
      expect(actual).toBe(expected);
    }),
    { numRuns: 2000 },
  );
});

test('parseBasicDate accepts exactly the texts formatBasicDate writes, and reads them back', () => {
  const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));
  const nearBasic = fc.tuple(digits(8), digits(6)).map(([day, time]) => `${day}T${time}Z`);
  fc.assert(
    fc.property(nearBasic, (text) => {
      const parsed = parseBasicDate(text);
      // Defined exactly when writing the instant back gives the same text (the plain definition).
      const instant = Date.UTC(+text.slice(0, 4), +text.slice(4, 6) - 1, +text.slice(6, 8), +text.slice(9, 11), +text.slice(11, 13), +text.slice(13, 15));
      const roundTrips = Number.isFinite(instant) && formatBasicDate(new Date(instant)) === text;
      expect(parsed !== undefined).toBe(roundTrips);
      if (parsed) expect(formatBasicDate(parsed)).toBe(text);
    }),
    { numRuns: 5000 },
  );
  fc.assert(
    fc.property(fc.date({ min: new Date('1000-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }), (date) => {
      const text = formatBasicDate(date);
      expect(parseBasicDate(text)?.getTime()).toBe(Math.floor(date.getTime() / 1000) * 1000);
    }),
  );
});

test('canonicalQuery sorts by decoded bytes and encodes once, fast path or not', () => {
  const piece = fc.tuple(urlText, urlText).map(([k, v]) => `${k.replace(/[&=]/g, '')}=${v.replace(/[&=]/g, '')}`);
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 6 }), fc.constantFrom('decoded' as const, 'encoded' as const), (pieces, valueOrder) => {
      const query = `?${pieces.join('&')}`; // with the '?' a search has: parseQuery drops one
      const decoded = pieces.map((p) => p.split('=')).map(([k, v]) => ({ key: decodeByDefinition(k!, true), value: decodeByDefinition(v!, true) }));
      const actual = parseQuery(query);
      if (decoded.some((d) => d.key === undefined || d.value === undefined)) return expect(actual).toBeUndefined();
      const rows = decoded.map((d) => ({ ...d, k: [...d.key!].map(encodeByte).join(''), v: [...d.value!].map(encodeByte).join('') }));
      rows.sort(
        (a, b) => Buffer.compare(a.key!, b.key!) || (valueOrder === 'decoded' ? Buffer.compare(a.value!, b.value!) : a.v < b.v ? -1 : a.v > b.v ? 1 : 0),
      );
      expect(canonicalQuery(actual!, valueOrder)).toBe(rows.map((r) => `${r.k}=${r.v}`).join('&'));
    }),
    { numRuns: 2000 },
  );
});
