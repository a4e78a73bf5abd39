import fc from 'fast-check';

// Characters the documents call out (reserved, '%', '+', space, '~') and multi-byte UTF-8.
const SPECIAL = [
  ' ',
  '&',
  '=',
  '+',
  '%',
  '/',
  '~',
  '?',
  '#',
  '!',
  "'",
  '(',
  ')',
  '*',
  ':',
  '@',
  ',',
  ';',
  '$',
  '[',
  ']',
  '-',
  '_',
  '.',
  'é',
  '中',
  '😀',
  '\u00a0',
];
const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'.split('');

// Any code point but U+E000..U+FFFF. Not a divergence from the documents, which say only "sorted": the Node
// SDKs sort by UTF-16 code unit, Go (and we) by UTF-8 byte, and the two orders differ only between
// U+E000..U+FFFF and astral characters.
const ANY = fc
  .string({ unit: 'binary', minLength: 1, maxLength: 1 })
  .filter((c) => Buffer.from(c, 'utf8').toString('utf8') === c && !/[\uE000-\uFFFF]/.test(c));

export const textUnit = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...SPECIAL) },
  { weight: 4, arbitrary: fc.constantFrom(...ALNUM) },
  { weight: 1, arbitrary: ANY },
);

export const text = (minLength = 0, maxLength = 8) => fc.string({ unit: textUnit, minLength, maxLength });

/** Decoded query: unique names, each with one to three values. */
export const queryArb = fc.uniqueArray(fc.tuple(text(1, 6), fc.array(text(0, 6), { minLength: 1, maxLength: 3 })), {
  maxLength: 5,
  selector: ([name]) => name,
});

// Names the signers or SDKs own or treat specially are kept out of the random extra headers.
const RESERVED = new Set([
  'host',
  'authorization',
  'content-type',
  'content-length',
  'user-agent',
  'expect',
  'presigned-expires',
  'x-sdk-date',
  'x-project-id',
  'x-security-token',
  'x-sdk-content-sha256',
  'x-date',
  'x-content-sha256',
]);
// Lower-case letters, digits and '-': see huawei-official-sdk-divergences.spec.ts for '_' and case.
export const headerNameArb = fc.stringMatching(/^[a-z][a-z0-9-]{0,11}$/).filter((n) => !RESERVED.has(n));

export const methodArb = fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS');
export const hostArb = fc.constantFrom(
  'https://kms.cn-north-4.myhuaweicloud.com',
  'https://open.volcengineapi.com',
  'http://127.0.0.1:8080',
  'http://localhost:3000',
);

/** Our URL for a decoded query, in one of the two encodings clients use ('+' or %20 for a space). */
export function encodeQuery(query: ReadonlyArray<readonly [string, readonly string[]]>, form: boolean): string {
  const pairs = query.flatMap(([k, vs]) => vs.map((v) => [k, v] as [string, string]));
  if (form) return new URLSearchParams(pairs).toString();
  return pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
}

export function queryObject(query: ReadonlyArray<readonly [string, readonly string[]]>): Record<string, string | string[]> {
  return Object.fromEntries(query.map(([k, vs]) => [k, vs.length === 1 ? vs[0]! : [...vs]]));
}

const VISIBLE = Array.from({ length: 0x7e - 0x21 + 1 }, (_, i) => String.fromCharCode(0x21 + i));

/** Visible ASCII with inner spaces, no surrounding whitespace: what survives HTTP unchanged. */
export const headerValueArb = fc.string({ unit: fc.constantFrom(...VISIBLE, ' '), maxLength: 16 }).map((v) => v.trim());

/** Visible ASCII with runs of spaces and tabs anywhere: exercises whitespace folding. */
export const looseHeaderValueArb = fc.string({ unit: fc.constantFrom(...VISIBLE, ' ', '  ', '\t'), maxLength: 16 });

/** RFC 3986 encoding written independently of src/, to feed SDKs that expect an encoded path. */
export const rfc3986 = (s: string): string => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
