import { test, expect } from '@playwright/test';
import { request } from 'node:https';
import { startMock } from '../../src/mock/index.ts';
import { attachQuery, volcengine } from '../_helpers/mock-client.ts';
import { selfSignedCert } from '../_helpers/self-signed-cert.ts';
import { volcengineHmacSha256 } from '../../src/signing/index.ts';
import { DEFAULT_CREDENTIALS } from '../../src/mock/index.ts';

// The mock's modes for live-run rehearsals (issue 5): HTTPS, and throttling like the gateways.

test('HTTPS mode serves both clouds over TLS with the given certificate', async () => {
  // Arrange
  const tls = selfSignedCert();
  const mock = await startMock({ tls: { key: tls.key, cert: tls.cert } });
  try {
    const url = `${mock.url}/?${attachQuery({ ids: ['i-running-000'], name: 'ssh_key_pair' })}`;
    const signed = volcengineHmacSha256(
      { method: 'GET', url },
      { accessKey: DEFAULT_CREDENTIALS.volcengine.accessKey, secretKey: DEFAULT_CREDENTIALS.volcengine.secretKey, region: 'cn-beijing', service: 'ecs' },
    );
    // Act
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(signed.url, { headers: signed.headers, ca: tls.cert }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    // Assert
    expect(mock.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(status).toBe(200);
  } finally {
    await mock.close();
  }
});

test("throttling mode answers every Nth request 429 in the cloud's shape", async () => {
  // Arrange
  const mock = await startMock({ throttleEvery: 3 });
  try {
    // Act
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await volcengine(mock.url, attachQuery({ ids: ['i-running-000'], name: 'ssh_key_pair' })));
    // Assert
    expect(answers.map((a) => a.status)).toEqual([200, 200, 429, 200, 200, 429]);
    expect(answers[2]!.body.ResponseMetadata.Error.Code).toBe('FlowLimitExceeded');
  } finally {
    await mock.close();
  }
});

test('throttleEvery 1 would throttle everything and is refused with the fix', () => {
  return expect(startMock({ throttleEvery: 1 })).rejects.toThrow('startMock: throttleEvery 1 is not 0 (off) or a whole number from 2');
});
