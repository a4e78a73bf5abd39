import { test, expect } from '@playwright/test';
import { resolveMockOptions } from '../../src/mock/index.ts';
import { sdkWireFailures } from '../../src/engine/run/sdk/sdk-wire-checks.ts';
import { huaweiSdkHmacSha256 } from '../../src/signing/index.ts';
import type { Case } from '../../src/engine/cases/case.ts';
import { mockTarget } from '../_helpers/mock-target.ts';

// The SDK's own request, on the wire: required headers, and a signature our verifiers accept.
const target = mockTarget({ url: 'http://127.0.0.1:9', options: resolveMockOptions() });
const c: Case = { id: 'x', title: 'x', source: 'model', operation: 'kps.associate', request: { body: {} }, expect: { kind: 'any', rules: [] } };
const creds = target.huaweicloud!.credentials as { accessKey: string; secretKey: string };

test('a correctly signed SDK request with its headers passes', () => {
  const signed = huaweiSdkHmacSha256({ method: 'POST', url: 'https://kps.sdk-under-test.invalid/v3/p/keypairs/associate', headers: { 'content-type': 'application/json' }, body: '{}' }, { ...creds, projectId: 'p' });
  expect(sdkWireFailures(c, { method: 'POST', url: signed.url, headers: { ...signed.headers, host: 'kps.sdk-under-test.invalid' }, body: '{}' }, target)).toEqual([]);
});

test('a body changed after signing, and a missing X-Project-Id, fail kps.auth.bad-signature', () => {
  const signed = huaweiSdkHmacSha256({ method: 'POST', url: 'https://kps.sdk-under-test.invalid/v3/p/keypairs/associate', headers: { 'content-type': 'application/json' }, body: '{}' }, creds);
  const failures = sdkWireFailures(c, { method: 'POST', url: signed.url, headers: { ...signed.headers, host: 'kps.sdk-under-test.invalid' }, body: '{"changed":1}' }, target);
  expect(failures.map((f) => [f.rule, f.title])).toEqual([
    ['kps.auth.bad-signature', 'The SDK sent no X-Project-Id'],
    ['kps.auth.bad-signature', "The SDK's signature does not verify (bad-signature)"],
  ]);
});
