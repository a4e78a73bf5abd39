import { test, expect } from '@playwright/test';
import { createHash } from 'node:crypto';
import { volcengineHmacSha256 } from '../../src/signing/index.ts';
import { volcengineSdkSign } from './_helpers/official-signers.ts';
import type { VolcengineSdkRequest } from './_helpers/official-signers.ts';

// Where @volcengine/openapi 1.36.2 Signer departs from HMAC-SHA256 as documented. Each test pins the
// behaviour, so an SDK upgrade that changes it shows up here.
const CREDENTIALS = { accessKeyId: 'AKLTdiverge', secretKey: 'ZGl2ZXJnZQ==' };
const DATE = new Date('2024-01-01T00:00:00Z');
const sdk = (r: Partial<VolcengineSdkRequest>) =>
  volcengineSdkSign({ region: 'cn-beijing', method: 'GET', pathname: '/', params: {}, headers: {}, ...r }, 'ecs', CREDENTIALS, DATE);
const ours = (url: string, body?: string) =>
  volcengineHmacSha256(
    { method: 'GET', url, ...(body !== undefined ? { body } : {}) },
    {
      accessKey: CREDENTIALS.accessKeyId,
      secretKey: CREDENTIALS.secretKey,
      region: 'cn-beijing',
      service: 'ecs',
      date: DATE,
      signedHeaders: ['x-date', 'x-content-sha256'],
      contentSha256: 'with-body',
    },
  ).headers['Authorization'];

test.describe('@volcengine/openapi Signer divergences from HMAC-SHA256 as documented', () => {
  test('it hashes JSON.stringify of a Buffer body, not its bytes', () => {
    // Act
    const headers = sdk({ method: 'POST', body: Buffer.from([0]) });
    // Assert
    const json = createHash('sha256')
      .update(JSON.stringify(Buffer.from([0])))
      .digest('hex');
    expect(headers['X-Content-Sha256']).toBe(json);
    expect(headers['X-Content-Sha256']).not.toBe(
      createHash('sha256')
        .update(Buffer.from([0]))
        .digest('hex'),
    );
  });

  test('it puts integer-like parameter names first', () => {
    // Arrange: sorted params live in a plain object, which enumerates integer keys first.
    const params = { ' ': 'a', '8': 'b' };
    // Act
    const signed = sdk({ params })['Authorization'];
    // Assert: the SDK signed "8=b&%20=a"; sorted is "%20=a&8=b".
    expect(signed).not.toBe(ours('https://open.volcengineapi.com/?%20=a&8=b'));
  });

  test('it signs the pathname verbatim, so the caller must encode it', () => {
    // Act
    const raw = sdk({ pathname: '/a b' })['Authorization'];
    const encoded = sdk({ pathname: '/a%20b' })['Authorization'];
    // Assert
    expect(raw).not.toBe(encoded);
    expect(ours('https://open.volcengineapi.com/a b')).toBe(encoded);
  });

  test('it sorts query names by UTF-16 code unit, this suite by UTF-8 byte', () => {
    // Arrange: U+FF21 sorts before U+1F600 by byte, after it by code unit.
    const params = { '\uFF21': '1', '\u{1F600}': '2' };
    // Act
    const signed = sdk({ params })['Authorization'];
    // Assert
    expect(signed).not.toBe(ours(`https://open.volcengineapi.com/?${new URLSearchParams(params)}`));
  });
});
