import { test, expect } from '@playwright/test';
import { defaultFixtures, startMock } from '../../src/mock/index.ts';
import { huaweiSdkHmacSha256 } from '../../src/signing/index.ts';

// Huawei's published vector (Go signer_test.go): AK "AccessKey", SK "SecretKey", X-Sdk-Date
// 20060102T150405Z, GET /path?limit=1, only x-sdk-date signed, signs to 5a2ce64c…79624. A mock
// holding those credentials, its clock at that instant, accepts exactly that signature.

const DATE = new Date(Date.UTC(2006, 0, 2, 15, 4, 5));

test('the published GET vector signs as published, and the mock accepts that signing on its own paths', async () => {
  // Arrange
  const options = { accessKey: 'AccessKey', secretKey: 'SecretKey', date: DATE, signedHeaders: ['x-sdk-date'] };
  const vector = huaweiSdkHmacSha256(
    { method: 'GET', url: 'https://example.huaweicloud.com/path?limit=1', headers: { TEST_UNDERSCORE: 'TEST_VALUE' } },
    options,
  );
  const mock = await startMock({
    now: () => DATE.getTime(),
    credentials: { huawei: { accessKey: 'AccessKey', secretKey: 'SecretKey', tokens: [] }, volcengine: { accessKey: 'x', secretKey: 'y' } },
  });
  try {
    // The mock's own project in the path: another is refused 403 by the gateway (tests/mock/sdk-oracle.spec.ts).
    const signed = huaweiSdkHmacSha256({ method: 'GET', url: `${mock.url}/v3/${defaultFixtures().projectId}/tasks/t-1?limit=1` }, options);
    // Act
    const accepted = await fetch(signed.url, { headers: signed.headers });
    const tampered = await fetch(signed.url.replace('limit=1', 'limit=2'), { headers: signed.headers });
    // Assert
    expect(vector.headers.Authorization).toBe(
      'SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=x-sdk-date, Signature=5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624',
    );
    expect(accepted.status).toBe(400); // past the gateway: the task id is unknown (KPS.0001)
    expect(((await accepted.json()) as { error_code: string }).error_code).toBe('KPS.0001');
    expect(tampered.status).toBe(401);
  } finally {
    await mock.close();
  }
});
