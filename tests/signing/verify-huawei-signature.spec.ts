import { test, expect } from '@playwright/test';
import { huaweiSdkHmacSha256, SIGNED_HEADER_PRESETS, verifyHuaweiSignature } from '../../src/signing/index.ts';
import type { HuaweiVerification, ReceivedRequest, VerifyOptions } from '../../src/signing/index.ts';
import { received, withAuthParam } from './_helpers/received.ts';

const AK = 'HWAKEXAMPLE0001';
const SK = 'hw-secret-key-0001';
const SIGNED_AT = new Date('2024-05-06T07:08:09Z');
const MINUTE = 60_000;
const keys: VerifyOptions['lookupSecretKey'] = (ak) => (ak === AK ? SK : undefined);
const at = (ms: number): VerifyOptions => ({ lookupSecretKey: keys, now: () => new Date(SIGNED_AT.getTime() + ms) });

const signed = huaweiSdkHmacSha256(
  {
    method: 'POST',
    url: 'https://kms.cn-north-4.myhuaweicloud.com/v3/0123456789abcdef0123456789abcdef/keypairs/associate?a=1&b=x y',
    headers: { 'Content-Type': 'application/json;charset=UTF-8', 'X-Trace': 't-1' },
    body: '{"keypair_name":"kp-alpha","server":{"id":"s-1"}}',
  },
  { accessKey: AK, secretKey: SK, date: SIGNED_AT, projectId: '0123456789abcdef0123456789abcdef' },
);
const base = received(signed);
const auth = signed.headers['Authorization']!;
const withHeaders = (change: Record<string, string | undefined>): ReceivedRequest => ({ ...base, headers: { ...base.headers, ...change } });

const cases: Array<{ name: string; request: ReceivedRequest; options?: VerifyOptions; expected: HuaweiVerification['ok'] | string }> = [
  { name: 'the request as signed is accepted', request: base, expected: true },
  { name: 'a clock 14 minutes ahead is accepted', request: base, options: at(14 * MINUTE), expected: true },
  { name: 'a reordered query is accepted', request: { ...base, target: base.target.replace('a=1&b=x%20y', 'b=x+y&a=1') }, expected: true },
  { name: 'a changed unsigned header is accepted', request: withHeaders({ 'user-agent': 'other' }), expected: true },
  {
    name: 'a body changed after signing is refused',
    request: { ...base, body: '{"keypair_name":"kp-beta","server":{"id":"s-1"}}' },
    expected: 'bad-signature',
  },
  { name: 'a changed query value is refused', request: { ...base, target: base.target.replace('a=1', 'a=2') }, expected: 'bad-signature' },
  { name: 'a changed path is refused', request: { ...base, target: base.target.replace('associate', 'disassociate') }, expected: 'bad-signature' },
  { name: 'a changed signed header is refused', request: withHeaders({ 'x-trace': 't-2' }), expected: 'bad-signature' },
  { name: 'a changed method is refused', request: { ...base, method: 'PUT' }, expected: 'bad-signature' },
  { name: 'a wrong secret key is refused', request: base, options: { ...at(0), lookupSecretKey: () => 'another-secret' }, expected: 'bad-signature' },
  { name: 'an unknown access key is refused', request: base, options: { ...at(0), lookupSecretKey: () => undefined }, expected: 'unknown-access-key' },
  {
    name: 'a lookup that throws counts as unknown',
    request: base,
    options: {
      ...at(0),
      lookupSecretKey: () => {
        throw new Error('db down');
      },
    },
    expected: 'unknown-access-key',
  },
  { name: 'a date 16 minutes old is stale', request: base, options: at(16 * MINUTE), expected: 'stale-date' },
  { name: 'a date 16 minutes ahead is stale', request: base, options: at(-16 * MINUTE), expected: 'stale-date' },
  { name: 'a missing Authorization is missing', request: withHeaders({ Authorization: undefined }), expected: 'missing' },
  { name: 'a missing X-Sdk-Date is missing', request: withHeaders({ 'X-Sdk-Date': undefined }), expected: 'missing' },
  { name: 'an ISO-8601 extended X-Sdk-Date is malformed', request: withHeaders({ 'X-Sdk-Date': '2024-05-06T07:08:09Z' }), expected: 'malformed' },
  { name: 'a 30 February X-Sdk-Date is malformed', request: withHeaders({ 'X-Sdk-Date': '20240230T070809Z' }), expected: 'malformed' },
  { name: 'a garbage Authorization is malformed', request: withHeaders({ Authorization: 'garbage' }), expected: 'malformed' },
  { name: 'another algorithm is malformed', request: withHeaders({ Authorization: auth.replace('SDK-HMAC-SHA256', 'HMAC-SHA256') }), expected: 'malformed' },
  { name: 'a short signature is malformed', request: withHeaders({ Authorization: withAuthParam(auth, 'Signature', 'abc') }), expected: 'malformed' },
  {
    name: 'an Authorization without SignedHeaders is malformed',
    request: withHeaders({ Authorization: auth.replace(/SignedHeaders=[^,]*, /, '') }),
    expected: 'malformed',
  },
  {
    name: 'a repeated signed header name is malformed',
    request: withHeaders({ Authorization: withAuthParam(auth, 'SignedHeaders', 'host;host;x-sdk-date') }),
    expected: 'malformed',
  },
  {
    name: 'SignedHeaders with a name dropped is refused',
    request: withHeaders({ Authorization: withAuthParam(auth, 'SignedHeaders', 'content-type;host;x-project-id;x-sdk-date') }),
    expected: 'bad-signature',
  },
  {
    name: 'SignedHeaders naming an absent header is refused',
    request: withHeaders({ Authorization: withAuthParam(auth, 'SignedHeaders', 'content-type;host;x-absent;x-project-id;x-sdk-date;x-trace') }),
    expected: 'bad-signature',
  },
  { name: 'a bad percent-escape in the target is malformed', request: { ...base, target: `${base.target}&c=%zz` }, expected: 'malformed' },
];

test.describe('verifyHuaweiSignature', () => {
  for (const c of cases) {
    test(c.name, () => {
      // Act
      const result = verifyHuaweiSignature(c.request, c.options ?? at(0));
      // Assert
      if (c.expected === true) expect(result).toEqual({ ok: true, accessKey: AK });
      else expect(result).toMatchObject({ ok: false, reason: c.expected, detail: expect.any(String) });
    });
  }

  const variants = [
    { name: 'temporary credentials', options: { securityToken: 'token-abc' } },
    { name: 'the Node SDK header set', options: { signedHeaders: SIGNED_HEADER_PRESETS.huaweiNodeSdk } },
    { name: 'only x-sdk-date signed', options: { signedHeaders: ['x-sdk-date'] } },
    { name: 'an unsigned payload', options: { unsignedPayload: true } },
  ];
  for (const v of variants) {
    test(`a request signed with ${v.name} is accepted`, () => {
      // Arrange
      const request = { method: 'GET', url: 'http://127.0.0.1:8080/v3/p/tasks/t-1?limit=10', body: 'x' };
      const s = huaweiSdkHmacSha256(request, { accessKey: AK, secretKey: SK, date: SIGNED_AT, ...v.options });
      // Act
      const result = verifyHuaweiSignature(received(s), at(0));
      // Assert
      expect(result).toEqual({ ok: true, accessKey: AK });
    });
  }

  test('an unsigned payload leaves the body unprotected, as documented', () => {
    // Arrange
    const s = huaweiSdkHmacSha256(
      { method: 'PUT', url: 'http://h.example.com/x', body: 'one' },
      { accessKey: AK, secretKey: SK, date: SIGNED_AT, unsignedPayload: true },
    );
    // Act
    const result = verifyHuaweiSignature({ ...received(s), body: 'two' }, at(0));
    // Assert
    expect(result.ok).toBe(true);
  });

  test('garbage never throws', () => {
    // Arrange
    const garbage = [null, 42, { Authorization: ['a', 'b'] }, { authorization: 'SDK-HMAC-SHA256 ,,,=' }, { authorization: 'SDK-HMAC-SHA256' }];
    for (const headers of garbage) {
      // Act
      const result = verifyHuaweiSignature({ method: null, target: undefined, headers } as unknown as ReceivedRequest, at(0));
      // Assert
      expect(result.ok).toBe(false);
    }
  });
});
