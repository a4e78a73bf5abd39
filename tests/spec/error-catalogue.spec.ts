import { test, expect } from '@playwright/test';
import { listOperations } from '../../src/spec/operations.ts';
import { loadSpec } from '../../src/spec/load-spec.ts';

interface CatalogueEntry {
  scope: string;
  status?: number;
  code: string;
  message: string | null;
  meaning: string;
  source: string;
}

const kps = loadSpec('huaweicloud-kps').components['x-error-codes'] as CatalogueEntry[];
const ecs = loadSpec('volcengine-ecs').components['x-error-codes'] as CatalogueEntry[];

test('the KPS catalogue holds the documented KPS codes with their statuses', () => {
  const byCode = new Map(kps.filter((e) => e.scope === 'kps').map((e) => [e.code, e.status]));
  expect(byCode.get('KPS.0002')).toBe(400);
  expect(byCode.get('KPS.4016')).toBe(400);
  expect(byCode.get('KPS.6004')).toBe(400);
  expect(byCode.get('KPS.9001')).toBe(401);
  expect(byCode.get('KPS.9003')).toBe(403);
  expect(byCode.get('KPS.0003')).toBe(500);
  for (const code of byCode.keys()) expect(code).toMatch(/^KPS\.\d{4}$/);
});

test('the gateway codes RULES.md names are catalogued', () => {
  const gateway = kps.filter((e) => e.scope === 'gateway').map((e) => [e.code, e.status]);
  expect(gateway).toContainEqual(['APIGW.0301', 401]);
  expect(gateway).toContainEqual(['APIGW.0101', 404]);
  expect(gateway).toContainEqual(['APIGW.0201', 413]);
  expect(gateway).toContainEqual(['APIGW.0308', 429]);
});

test('the Volcengine catalogue holds every code of seed 002 in its scope', () => {
  const request = ecs.filter((e) => e.scope === 'request').map((e) => `${e.status} ${e.code}`);
  expect(request).toEqual([
    '400 MissingParameter.KeyPairNameAndKeyPairId',
    '400 MissingParameter.InstanceIds',
    '400 LimitExceeded.MaximumInstanceIds',
    '400 InvalidClientToken.Malformed',
    '400 IdempotentParameterMismatch',
    '404 InvalidKeyPair.NotFound',
    '412 IdempotentProcessing',
    '500 InternalError',
  ]);
  const instance = ecs.filter((e) => e.scope === 'instance').map((e) => e.code);
  expect(instance).toEqual([
    'InvalidInstance.NotFound',
    'InvalidKeyPairForWindows.Unsupported',
    'InvalidResetAuthenticationAgent.NotFound',
    'InvalidInstanceStatus',
    'FlowLimitExceeded',
  ]);
  for (const code of [
    'MissingAuthenticationToken',
    'SignatureDoesNotMatch',
    'InvalidAccessKey',
    'InvalidClientTokenId',
    'InvalidActionOrVersion',
    'MissingParameter',
    'RequestLimitExceeded',
  ]) {
    expect(
      ecs.some((e) => e.scope === 'gateway' && e.code === code),
      code,
    ).toBe(true);
  }
});

test('the gateway answers a stale X-Date 400 InvalidTimestamp, CodeN 100006, as the common error codes page says', () => {
  // Arrange
  const entries = ecs.filter((e) => e.code === 'InvalidTimestamp') as (CatalogueEntry & { codeN?: number })[];
  // Assert: one entry, not the older page's 403
  expect(entries.map((e) => [e.scope, e.status, e.codeN])).toEqual([['gateway', 400, 100006]]);
});

test('every catalogued status is a documented response status of the operations it applies to', () => {
  const kpsStatuses = new Set(
    listOperations('huaweicloud-kps')
      .filter((o) => !o.supporting)
      .flatMap((o) => o.responses.map((r) => r.status)),
  );
  const ecsStatuses = new Set(listOperations('volcengine-ecs').flatMap((o) => o.responses.map((r) => r.status)));
  for (const e of kps) expect(kpsStatuses.has(e.status!), `${e.code} ${e.status}`).toBe(true);
  for (const e of ecs.filter((x) => x.scope !== 'instance')) expect(ecsStatuses.has(e.status!), `${e.code} ${e.status}`).toBe(true);
});

test('catalogue entries are unique by scope, status and code, and instance codes carry no status', () => {
  for (const list of [kps, ecs]) {
    const keys = list.map((e) => `${e.scope} ${e.status} ${e.code} ${e.message}`);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  }
  expect(ecs.filter((e) => e.scope === 'instance' && e.status !== undefined)).toEqual([]);
});
