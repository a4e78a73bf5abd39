import { test, expect } from '@playwright/test';
import { huaweiSdkHmacSha256, SIGNED_HEADER_PRESETS, volcengineHmacSha256 } from '../../src/signing/index.ts';
import type { HuaweiSigningOptions, RequestToSign, VolcengineSigningOptions } from '../../src/signing/index.ts';
import { volcengineSdkSign } from './_helpers/official-signers.ts';

// Vectors from docs/CLOUD-FACTS.md: huaweicloud-sdk-go-v3 core/auth/signer/signer_test.go, the Huawei API
// signing guide, and self-made Volcengine vectors (checked against @volcengine/openapi below).
const GO_TEST = { accessKey: 'AccessKey', secretKey: 'SecretKey', date: new Date('2006-01-02T15:04:05Z') };
const GUIDE = {
  accessKey: 'QTWAOYTTINDUT2QVKYUC',
  secretKey: 'MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc',
  date: new Date('2019-11-15T03:36:55Z'),
};
const GUIDE_URL = 'https://service.region.example.com/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs?marker=13551d6b-755d-4757-b956-536f674975c0&limit=2';

const huaweiVectors: Array<{ name: string; request: RequestToSign; options: HuaweiSigningOptions; authorization: string }> = [
  {
    name: 'Go signer_test GET /path?limit=1',
    request: { method: 'GET', url: 'https://example.huaweicloud.com/path?limit=1', headers: { TEST_UNDERSCORE: 'TEST_VALUE' } },
    options: { ...GO_TEST, signedHeaders: ['x-sdk-date'] },
    authorization: 'SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=x-sdk-date, Signature=5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624',
  },
  {
    name: 'Go signer_test POST /path?key=value with a JSON body',
    request: {
      method: 'POST',
      url: 'https://example.huaweicloud.com/path?key=value',
      headers: { TEST_UNDERSCORE: 'TEST_VALUE', 'Content-Type': 'application/json' },
      // Go's json.Encoder ends the body with a newline; the signature covers it.
      body: '{"Name":"test","Id":1}\n',
    },
    options: { ...GO_TEST, signedHeaders: ['x-sdk-date'] },
    authorization: 'SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=x-sdk-date, Signature=cecc2af119b18ab70b4d094c0750f3b42c02f254903179a0fc2cc72fc9db4f59',
  },
  ...[
    { how: 'every header (the default)', signedHeaders: undefined },
    { how: 'the Node SDK header set', signedHeaders: SIGNED_HEADER_PRESETS.huaweiNodeSdk },
    { how: 'an explicit list', signedHeaders: ['content-type', 'host', 'x-sdk-date'] },
  ].map(({ how, signedHeaders }) => ({
    name: `API guide GET /v1/{project}/vpcs signing ${how}`,
    request: { method: 'GET', url: GUIDE_URL, headers: { 'Content-Type': 'application/json' } },
    options: { ...GUIDE, ...(signedHeaders ? { signedHeaders } : {}) },
    authorization:
      'SDK-HMAC-SHA256 Access=QTWAOYTTINDUT2QVKYUC, SignedHeaders=content-type;host;x-sdk-date, Signature=7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe',
  })),
];

test.describe('Huawei SDK-HMAC-SHA256 gives the published signatures', () => {
  for (const vector of huaweiVectors) {
    test(vector.name, () => {
      // Act
      const signed = huaweiSdkHmacSha256(vector.request, vector.options);
      // Assert
      expect(signed.headers['Authorization']).toBe(vector.authorization);
    });
  }

  test('the Go SDK query vector canonicalises the same', () => {
    // Arrange: canonicalQueryString test in signer_test.go
    const url = 'https://h.example.com/?limit=1&enable=true&test=' + encodeURIComponent('一 (&=?!#%.*)') + '&path=%2Ftmp%2F123&multi=3&multi=1&multi=2';
    // Act
    const signed = huaweiSdkHmacSha256({ method: 'GET', url }, GO_TEST);
    // Assert
    expect(signed.canonicalRequest.split('\n')[2]).toBe(
      'enable=true&limit=1&multi=1&multi=2&multi=3&path=%2Ftmp%2F123&test=%E4%B8%80%20%28%26%3D%3F%21%23%25.%2A%29',
    );
  });
});

const VOLC = { accessKey: 'AKLTexample', secretKey: 'c2VjcmV0', region: 'cn-beijing', service: 'ecs', date: new Date('2024-01-01T00:00:00Z') };
const VOLC_QUERY = 'Action=AttachKeyPair&ClientToken=tok-1&InstanceIds.1=i-aaaa&InstanceIds.2=i-bbbb&KeyPairName=ssh_key_pair&Version=2020-04-01';
const SCOPE = 'AKLTexample/20240101/cn-beijing/ecs/request';

const volcengineVectors: Array<{ name: string; request: RequestToSign; options: VolcengineSigningOptions; authorization: string }> = [
  {
    name: 'AttachKeyPair, Node SDK style (x-date only)',
    request: { method: 'GET', url: `https://open.volcengineapi.com/?${VOLC_QUERY}` },
    options: { ...VOLC, signedHeaders: SIGNED_HEADER_PRESETS.volcengineNodeSdk, contentSha256: 'with-body' },
    authorization: `HMAC-SHA256 Credential=${SCOPE}, SignedHeaders=x-date, Signature=761b2bd2af1d60af6fb8952275414798bc0de392064e933acd27c950aea9a2d5`,
  },
  {
    name: 'AttachKeyPair, Go SDK style (content-type;host;x-content-sha256;x-date)',
    request: {
      method: 'GET',
      url: `https://open.volcengineapi.com/?${VOLC_QUERY}`,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' },
    },
    options: { ...VOLC, signedHeaders: SIGNED_HEADER_PRESETS.volcengineGoSdk },
    authorization: `HMAC-SHA256 Credential=${SCOPE}, SignedHeaders=content-type;host;x-content-sha256;x-date, Signature=30e6eb2fecc864730a888d6eed6216e2db20541142fbc97537ae7a9a4f40491d`,
  },
];

test.describe('Volcengine HMAC-SHA256 gives the self-made vectors', () => {
  for (const vector of volcengineVectors) {
    test(vector.name, () => {
      // Act
      const signed = volcengineHmacSha256(vector.request, vector.options);
      // Assert
      expect(signed.headers['Authorization']).toBe(vector.authorization);
    });
  }

  test('@volcengine/openapi gives the Node-style vector too', () => {
    // Arrange
    const params = Object.fromEntries(new URLSearchParams(VOLC_QUERY));
    // Act
    const headers = volcengineSdkSign(
      { region: 'cn-beijing', method: 'GET', pathname: '/', params, headers: {} },
      'ecs',
      { accessKeyId: VOLC.accessKey, secretKey: VOLC.secretKey },
      VOLC.date,
    );
    // Assert
    expect(headers['Authorization']).toBe(volcengineVectors[0]!.authorization);
  });
});
