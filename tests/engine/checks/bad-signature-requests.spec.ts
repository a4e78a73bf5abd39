import { test, expect } from '@playwright/test';
import type { AuthVariant } from '../../../src/engine/cases/case.ts';
import { buildHuaweiRequest } from '../../../src/engine/transport/build-huawei-request.ts';
import { buildVolcengineRequest } from '../../../src/engine/transport/build-volcengine-request.ts';
import type { SentRequest } from '../../../src/engine/transport/exchange.ts';
import { verifyHuaweiSignature, verifyVolcengineSignature } from '../../../src/signing/index.ts';
import { aCase, ecsCase, hw, KEYPAIR, RUNNING, volc } from './_helpers/judge.ts';

// The requests the auth rules judge are what their names say, as a gateway's verifier sees them: a wrong
// secret and a part changed after signing fail the signature; a scope for another region is a correct
// signature for that region (the gateway refuses it because it is not the endpoint's).

const NOW = new Date();

function received(sent: SentRequest) {
  const url = new URL(sent.url);
  return {
    method: sent.method,
    target: `${url.pathname}${url.search}`,
    headers: { host: url.host, ...sent.headers },
    ...(sent.body !== undefined ? { body: sent.body } : {}),
  };
}

const verifyVolc = (sent: SentRequest) =>
  verifyVolcengineSignature(received(sent), {
    lookupSecretKey: (ak) => (ak === volc.credentials.accessKey ? volc.credentials.secretKey : undefined),
    now: () => NOW,
  });

const VOLCENGINE: { auth: AuthVariant; want: Record<string, unknown> }[] = [
  { auth: 'default', want: { ok: true, region: volc.region, service: 'ecs' } },
  { auth: 'wrong-secret', want: { ok: false, reason: 'bad-signature' } },
  { auth: 'tamper-body', want: { ok: false, reason: 'bad-signature' } },
  { auth: 'stale-date', want: { ok: false, reason: 'stale-date' } },
  { auth: 'unknown-access-key', want: { ok: false, reason: 'unknown-access-key' } },
  { auth: 'none', want: { ok: false, reason: 'missing' } },
];
for (const v of VOLCENGINE) {
  test(`volcengine, auth ${v.auth}: the verifier says ${JSON.stringify(v.want)}`, () => {
    // Arrange
    const c = ecsCase({ auth: v.auth });
    // Act
    const result = verifyVolc(buildVolcengineRequest(volc, c, NOW));
    // Assert
    expect(result).toMatchObject(v.want);
  });
}

test('volcengine, auth other-region-scope: a correct signature whose scope names another region', () => {
  // Act
  const result = verifyVolc(buildVolcengineRequest(volc, ecsCase({ auth: 'other-region-scope' }), NOW));
  // Assert
  expect(result).toMatchObject({ ok: true, service: 'ecs' });
  expect(result.ok && result.region).not.toBe(volc.region);
  expect(result.ok && result.region).toMatch(/^cn-/);
});

test('volcengine, auth tamper-body: exactly one parameter changed after signing, the key pair, not Action, Version or an instance id', () => {
  // Arrange
  const c = ecsCase({ auth: 'tamper-body', logical: { InstanceIds: ['i-a', 'i-b'], KeyPairName: 'kp', ClientToken: 'tok' } });
  // Act
  const honest = new URL(buildVolcengineRequest(volc, { ...c, request: { ...c.request, auth: 'default' } }, NOW).url).searchParams;
  const tampered = new URL(buildVolcengineRequest(volc, c, NOW).url).searchParams;
  // Assert
  const changed = [...honest.keys()].filter((k) => honest.get(k) !== tampered.get(k));
  expect(changed).toEqual(['KeyPairName']);
  expect([...tampered.keys()]).toEqual([...honest.keys()]);
});

test('volcengine, auth tamper-body without a key pair: the first instance id is changed', () => {
  // Act
  const sent = buildVolcengineRequest(volc, ecsCase({ auth: 'tamper-body', logical: { InstanceIds: ['i-a'] } }), NOW);
  // Assert
  expect(new URL(sent.url).searchParams.get('InstanceIds.1')).toBe('i-a-tampered');
  expect(verifyVolc(sent)).toMatchObject({ ok: false, reason: 'bad-signature' });
});

test('volcengine, auth tamper-body without an instance id or key pair: a parameter is added after signing', () => {
  // Act
  const sent = buildVolcengineRequest(volc, ecsCase({ auth: 'tamper-body', logical: {} }), NOW);
  // Assert
  expect(new URL(sent.url).searchParams.get('Tampered')).toBe('1');
  expect(verifyVolc(sent)).toMatchObject({ ok: false, reason: 'bad-signature' });
});

test('huaweicloud, auth tamper-body: the body changed after signing fails the signature', () => {
  // Arrange
  const c = aCase('kps.associate', { body: { keypair_name: KEYPAIR, server: { id: RUNNING[0] } }, auth: 'tamper-body' });
  const creds = hw.credentials;
  if (creds.kind !== 'aksk') throw new Error('the reference mock target signs with AK/SK');
  // Act
  const result = verifyHuaweiSignature(received(buildHuaweiRequest(hw, c, NOW)), {
    lookupSecretKey: (ak) => (ak === creds.accessKey ? creds.secretKey : undefined),
    now: () => NOW,
  });
  // Assert
  expect(result).toMatchObject({ ok: false, reason: 'bad-signature' });
});
