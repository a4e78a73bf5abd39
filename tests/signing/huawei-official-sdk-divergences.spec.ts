import { test, expect } from '@playwright/test';
import { huaweiSdkHmacSha256, verifyHuaweiSignature } from '../../src/signing/index.ts';
import { huaweiSdkSign } from './_helpers/official-signers.ts';
import type { HuaweiSdkRequest } from './_helpers/official-signers.ts';

// Where @huaweicloud/huaweicloud-sdk-core 3.1.211 AKSKSigner departs from the documented algorithm (and from
// the Go SDK). Each test pins the behaviour, so an SDK upgrade that changes it shows up here.
const AK = 'HWAKDIVERGE';
const SK = 'hw-diverge-secret';
const DATE = new Date('2024-05-06T07:08:09Z');
const SDK_DATE = { 'X-Sdk-Date': '20240506T070809Z' };
const verifyAt = { lookupSecretKey: () => SK, now: () => DATE };
const sdk = (r: Partial<HuaweiSdkRequest>) =>
  huaweiSdkSign({ method: 'GET', endpoint: 'https://h.example.com/v3/x', queryParams: {}, ...r, headers: { ...SDK_DATE, ...r.headers } }, AK, SK)[
    'Authorization'
  ];
const ours = (url: string, extra: { headers?: Record<string, string>; body?: string } = {}) =>
  huaweiSdkHmacSha256({ method: 'GET', url, ...extra }, { accessKey: AK, secretKey: SK, date: DATE }).headers['Authorization'];

test.describe('AKSKSigner divergences from SDK-HMAC-SHA256 as documented', () => {
  test('it encodes an already-encoded path again (a space is signed as %2520)', () => {
    // Arrange: url.parse turns the space into %20, then the signer encodes the '%'.
    const endpoint = 'https://h.example.com/v3/a b';
    // Act
    const signed = sdk({ endpoint });
    const sent = verifyHuaweiSignature(
      { method: 'GET', target: '/v3/a%20b', headers: { host: 'h.example.com', ...SDK_DATE, Authorization: signed } },
      verifyAt,
    );
    // Assert: it signed the path whose decoded form is "a%20b"; the request it sends does not verify.
    expect(signed).toBe(ours('https://h.example.com/v3/a%2520b'));
    expect(sent).toMatchObject({ ok: false, reason: 'bad-signature' });
  });

  test('it hashes JSON.stringify of a string body, i.e. the quoted string', () => {
    // Act
    const signed = sdk({ method: 'GET', data: 'abc' });
    // Assert
    expect(signed).toBe(ours('https://h.example.com/v3/x', { body: '"abc"' }));
  });

  test('it signs header values untrimmed', () => {
    // Act
    const padded = sdk({ headers: { 'x-a': ' v ' } });
    const plain = sdk({ headers: { 'x-a': 'v' } });
    // Assert: the documents (and Go) trim, so these two would be one request.
    expect(padded).not.toBe(plain);
    expect(ours('https://h.example.com/v3/x', { headers: { 'x-a': ' v ' } })).toBe(plain);
  });

  test("it orders canonical headers by locale but SignedHeaders by code unit ('_' against '-')", () => {
    // Arrange: localeCompare puts x_a before x-a; lodash sortBy puts x-a first.
    const headers = { 'x-a': '1', x_a: '2' };
    // Act
    const signed = sdk({ headers });
    const result = verifyHuaweiSignature(
      { method: 'GET', target: '/v3/x', headers: { host: 'h.example.com', ...SDK_DATE, ...headers, Authorization: signed! } },
      verifyAt,
    );
    // Assert
    expect(signed).toContain('SignedHeaders=host;x-a;x-sdk-date;x_a');
    expect(result).toMatchObject({ ok: false, reason: 'bad-signature' });
  });

  test('it signs an explicit default port that the HTTP client does not send', () => {
    // Act
    const signed = sdk({ endpoint: 'https://h.example.com:443/v3/x' });
    // Assert: Node sends "Host: h.example.com"; the SDK signed "h.example.com:443".
    expect(signed).not.toBe(sdk({ endpoint: 'https://h.example.com/v3/x' }));
    expect(ours('https://h.example.com:443/v3/x')).toBe(sdk({ endpoint: 'https://h.example.com/v3/x' }));
  });

  test('it sorts query names by UTF-16 code unit, Go and this suite by UTF-8 byte', () => {
    // Arrange: U+FF21 sorts before U+1F600 by byte, after it by code unit.
    const queryParams = { '\uFF21': '1', '\u{1F600}': '2' };
    // Act
    const signed = sdk({ queryParams });
    // Assert
    expect(signed).not.toBe(ours(`https://h.example.com/v3/x?${new URLSearchParams(queryParams)}`));
  });
});
