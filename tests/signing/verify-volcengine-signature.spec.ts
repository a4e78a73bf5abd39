import { test, expect } from '@playwright/test';
import { SIGNED_HEADER_PRESETS, verifyVolcengineSignature, volcengineHmacSha256 } from '../../src/signing/index.ts';
import type { ReceivedRequest, VerifyOptions, VolcengineVerification } from '../../src/signing/index.ts';
import { received, withAuthParam } from './_helpers/received.ts';

const AK = 'AKLTexample';
const SK = 'c2VjcmV0';
const SIGNED_AT = new Date('2024-01-01T00:00:00Z');
const MINUTE = 60_000;
const keys: VerifyOptions['lookupSecretKey'] = (ak) => (ak === AK ? SK : undefined);
const at = (ms: number): VerifyOptions => ({ lookupSecretKey: keys, now: () => new Date(SIGNED_AT.getTime() + ms) });
const SIGNING = { accessKey: AK, secretKey: SK, region: 'cn-beijing', service: 'ecs', date: SIGNED_AT };

const signed = volcengineHmacSha256(
  {
    method: 'POST',
    url: 'https://ecs.cn-beijing.volcengineapi.com/?Action=AttachKeyPair&Version=2020-04-01&InstanceIds.1=i-aaaa&KeyPairName=ssh key',
    headers: { 'Content-Type': 'application/json', 'X-Trace': 't-1' },
    body: '{"ClientToken":"tok-1"}',
  },
  SIGNING,
);
const base = received(signed);
const auth = signed.headers['Authorization']!;
const withHeaders = (change: Record<string, string | undefined>): ReceivedRequest => ({ ...base, headers: { ...base.headers, ...change } });
const ACCEPTED = { ok: true, accessKey: AK, region: 'cn-beijing', service: 'ecs' };

const cases: Array<{ name: string; request: ReceivedRequest; options?: VerifyOptions; expected: VolcengineVerification['ok'] | string }> = [
  { name: 'the request as signed is accepted', request: base, expected: true },
  { name: 'a clock 14 minutes behind is accepted', request: base, options: at(-14 * MINUTE), expected: true },
  {
    name: 'a reordered, form-encoded query is accepted',
    request: { ...base, target: '/?KeyPairName=ssh+key&InstanceIds.1=i-aaaa&Version=2020-04-01&Action=AttachKeyPair' },
    expected: true,
  },
  { name: 'folded whitespace in a signed header is accepted', request: withHeaders({ 'x-trace': '  t-1 ' }), expected: true },
  { name: 'a body changed after signing is refused', request: { ...base, body: '{"ClientToken":"tok-2"}' }, expected: 'bad-signature' },
  {
    name: 'a body changed with a matching X-Content-Sha256 is refused',
    request: { ...withHeaders({ 'X-Content-Sha256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' }), body: '' },
    expected: 'bad-signature',
  },
  { name: 'a changed query value is refused', request: { ...base, target: base.target.replace('i-aaaa', 'i-bbbb') }, expected: 'bad-signature' },
  { name: 'a changed content-type is refused', request: withHeaders({ 'Content-Type': 'text/plain' }), expected: 'bad-signature' },
  { name: 'a wrong secret key is refused', request: base, options: { ...at(0), lookupSecretKey: () => 'd3Jvbmc=' }, expected: 'bad-signature' },
  {
    name: 'another region in the scope is refused',
    request: withHeaders({ Authorization: auth.replace('/cn-beijing/', '/cn-shanghai/') }),
    expected: 'bad-signature',
  },
  { name: 'an unknown access key is refused', request: base, options: { ...at(0), lookupSecretKey: () => undefined }, expected: 'unknown-access-key' },
  { name: 'a date 16 minutes old is stale', request: base, options: at(16 * MINUTE), expected: 'stale-date' },
  { name: 'a missing Authorization is missing', request: withHeaders({ Authorization: undefined }), expected: 'missing' },
  { name: 'a missing X-Date is missing', request: withHeaders({ 'X-Date': undefined }), expected: 'missing' },
  {
    name: 'a scope day other than the X-Date day is malformed',
    request: withHeaders({ Authorization: auth.replace('/20240101/', '/20231231/') }),
    expected: 'malformed',
  },
  { name: 'a scope without /request is malformed', request: withHeaders({ Authorization: auth.replace('/ecs/request', '/ecs/req') }), expected: 'malformed' },
  { name: 'a garbage Authorization is malformed', request: withHeaders({ Authorization: 'HMAC-SHA256' }), expected: 'malformed' },
  {
    name: 'a Huawei Authorization is malformed',
    request: withHeaders({ Authorization: auth.replace('HMAC-SHA256', 'SDK-HMAC-SHA256') }),
    expected: 'malformed',
  },
  {
    name: 'a non-hex signature is malformed',
    request: withHeaders({ Authorization: withAuthParam(auth, 'Signature', 'z'.repeat(64)) }),
    expected: 'malformed',
  },
  {
    name: 'SignedHeaders with a name dropped is refused',
    request: withHeaders({ Authorization: withAuthParam(auth, 'SignedHeaders', 'content-type;host;x-content-sha256;x-date') }),
    expected: 'bad-signature',
  },
  {
    name: 'SignedHeaders with an upper-case name is malformed',
    request: withHeaders({ Authorization: withAuthParam(auth, 'SignedHeaders', 'Host;x-date') }),
    expected: 'malformed',
  },
  { name: 'a bad percent-escape in the target is malformed', request: { ...base, target: '/%G0?Action=AttachKeyPair' }, expected: 'malformed' },
];

test.describe('verifyVolcengineSignature', () => {
  for (const c of cases) {
    test(c.name, () => {
      // Act
      const result = verifyVolcengineSignature(c.request, c.options ?? at(0));
      // Assert
      if (c.expected === true) expect(result).toEqual(ACCEPTED);
      else expect(result).toMatchObject({ ok: false, reason: c.expected, detail: expect.any(String) });
    });
  }

  const variants = [
    { name: 'the Node SDK header set', options: { signedHeaders: SIGNED_HEADER_PRESETS.volcengineNodeSdk, contentSha256: 'with-body' as const } },
    { name: 'the Go SDK header set', options: { signedHeaders: SIGNED_HEADER_PRESETS.volcengineGoSdk } },
    { name: 'temporary credentials', options: { securityToken: 'STS-token' } },
    { name: 'no X-Content-Sha256', options: { contentSha256: 'never' as const } },
  ];
  for (const v of variants) {
    test(`a request signed with ${v.name} is accepted`, () => {
      // Arrange
      const request = {
        method: 'GET',
        url: 'http://127.0.0.1:8080/?Action=AttachKeyPair&Version=2020-04-01',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      };
      const s = volcengineHmacSha256(request, { ...SIGNING, ...v.options });
      // Act
      const result = verifyVolcengineSignature(received(s), at(0));
      // Assert
      expect(result).toEqual(ACCEPTED);
    });
  }

  test('garbage never throws', () => {
    // Arrange
    const garbage = [undefined, 'x', { authorization: 'HMAC-SHA256 Credential=a/b/c/d/e/f, SignedHeaders=, Signature=' }, { authorization: 7 }];
    for (const headers of garbage) {
      // Act
      const result = verifyVolcengineSignature({ method: 1, target: {}, headers } as unknown as ReceivedRequest, at(0));
      // Assert
      expect(result.ok).toBe(false);
    }
  });
});
