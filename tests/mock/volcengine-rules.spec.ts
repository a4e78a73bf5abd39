import { test, expect } from '@playwright/test';
import type { components } from '../../generated/volcengine-ecs.ts';
import { startMock, type RunningMock } from '../../src/mock/index.ts';
import { SpecValidators } from '../../src/spec/spec-validators.ts';
import { attachQuery, FIX, volcengine } from '../_helpers/mock-client.ts';
import { volcengineScoped } from './_helpers/volcengine-scoped.ts';

// The reference mock keeps every Volcengine rule of docs/RULES.md (seed 002 and the gateway).

const validators = new SpecValidators();
const successSchema = validators.forSchema('volcengine-ecs', 'AttachKeyPairSuccess');
const errorSchema = validators.forSchema('volcengine-ecs', 'ErrorEnvelope');
let mock: RunningMock;
test.beforeAll(async () => {
  mock = await startMock({ idempotencyProcessingMs: 200 });
});
test.afterAll(async () => mock.close());

const kp = FIX.keyPairs[0]!;
const run = FIX.instances('running');
const ids = (n: number) => Array.from({ length: n }, (_, i) => run[i % run.length]!);

const rejections = [
  { rule: 'ecs.attach-key-pair.instance-ids-required', what: 'no InstanceIds', q: { name: kp.name }, status: 400, code: 'MissingParameter.InstanceIds' },
  {
    rule: 'ecs.attach-key-pair.keypair-required',
    what: 'neither key pair member',
    q: { ids: ids(1) },
    status: 400,
    code: 'MissingParameter.KeyPairNameAndKeyPairId',
  },
  { rule: 'ecs.attach-key-pair.max-100', what: '101 ids', q: { ids: ids(101), name: kp.name }, status: 400, code: 'LimitExceeded.MaximumInstanceIds' },
  {
    rule: 'ecs.attach-key-pair.client-token-format',
    what: 'a 65-character token',
    q: { ids: ids(1), name: kp.name, token: 'a'.repeat(65) },
    status: 400,
    code: 'InvalidClientToken.Malformed',
  },
  {
    rule: 'ecs.attach-key-pair.client-token-format',
    what: 'a non-ASCII token',
    q: { ids: ids(1), name: kp.name, token: 'tök' },
    status: 400,
    code: 'InvalidClientToken.Malformed',
  },
  {
    rule: 'ecs.attach-key-pair.keypair-not-found',
    what: 'an unknown KeyPairName',
    q: { ids: ids(1), name: 'nobody' },
    status: 404,
    code: 'InvalidKeyPair.NotFound',
  },
  {
    rule: 'ecs.attach-key-pair.keypair-id-wins',
    what: 'an unknown KeyPairId with a valid name',
    q: { ids: ids(1), name: kp.name, id: 'kp-unknown' },
    status: 404,
    code: 'InvalidKeyPair.NotFound',
  },
];

for (const row of rejections) {
  test(`${row.rule}: ${row.what} is ${row.status} ${row.code}`, async () => {
    const answer = await volcengine(mock.url, attachQuery(row.q));
    expect(answer.status).toBe(row.status);
    expect(answer.body.ResponseMetadata.Error.Code).toBe(row.code);
    expect(errorSchema(answer.body)).toBe(true);
    expect(answer.body.ResponseMetadata).toMatchObject({ Action: 'AttachKeyPair', Version: '2020-04-01', Service: 'ecs', Region: 'cn-beijing' });
  });
}

test('100 ids, a 64-character printable token and KeyPairId with an unknown name are accepted', async () => {
  for (const q of [
    { ids: ids(100), name: kp.name },
    { ids: ids(1), name: kp.name, token: ` !~${'x'.repeat(61)}` },
    { ids: ids(1), name: 'unknown-name', id: kp.id },
  ]) {
    const answer = await volcengine(mock.url, attachQuery(q));
    expect(answer.status, JSON.stringify(q).slice(0, 60)).toBe(200);
    expect(successSchema(answer.body)).toBe(true);
  }
});

test('each instance kind gets the documented per-instance answer, one entry per id in order', async () => {
  // Arrange
  const wanted = [
    [FIX.instances('running')[0]!, null],
    [FIX.instances('stopped')[0]!, null],
    [FIX.instances('windows')[0]!, 'InvalidKeyPairForWindows.Unsupported'],
    [FIX.instances('noAgent')[0]!, 'InvalidResetAuthenticationAgent.NotFound'],
    [FIX.instances('transitional')[0]!, 'InvalidInstanceStatus'],
    ['i-does-not-exist', 'InvalidInstance.NotFound'],
  ] as const;
  // Act
  const answer = await volcengine(mock.url, attachQuery({ ids: wanted.map(([id]) => id), name: kp.name }));
  // Assert
  expect(answer.status).toBe(200);
  expect(successSchema(answer.body)).toBe(true);
  const details = answer.body.Result.OperationDetails.map((d: components['schemas']['OperationDetail']) => [d.InstanceId, d.Error?.Code ?? null]);
  expect(details).toEqual(wanted);
  expect(answer.body.ResponseMetadata.RequestId).toMatch(/^\d{14}[0-9A-F]{18}$/);
});

test("ecs.auth: unsigned, wrong SK, unknown AK, stale date and another scope get the gateway's codes", async () => {
  const q = attachQuery({ ids: ids(1), name: kp.name });
  const cases = [
    [await volcengine(mock.url, q, { unsigned: true }), 401, 'MissingAuthenticationToken'],
    [await volcengine(mock.url, q, { secretKey: 'wrong' }), 401, 'SignatureDoesNotMatch'],
    [await volcengine(mock.url, q, { accessKey: 'AKLTunknown' }), 401, 'InvalidAccessKey'],
    [await volcengine(mock.url, q, { date: new Date(Date.now() - 20 * 60_000) }), 400, 'InvalidTimestamp'],
    [await volcengine(mock.url, q, { region: 'cn-shanghai' }), 401, 'SignatureDoesNotMatch'],
    [await volcengineScoped(mock.url, q, { service: 'iam', region: 'cn-beijing' }), 401, 'SignatureDoesNotMatch'],
  ] as const;
  for (const [answer, status, code] of cases) {
    expect(answer.status, code).toBe(status);
    expect(answer.body.ResponseMetadata.Error.Code).toBe(code);
    expect(errorSchema(answer.body)).toBe(true);
  }
});

test('ecs.auth.stale-date: an X-Date 16 minutes off is 400 InvalidTimestamp with CodeN 100006; 14 minutes is accepted', async () => {
  const q = attachQuery({ ids: ids(1), name: kp.name });
  const stale = await volcengine(mock.url, q, { date: new Date(Date.now() - 16 * 60_000) });
  const fresh = await volcengine(mock.url, q, { date: new Date(Date.now() + 14 * 60_000) });
  expect([stale.status, stale.body.ResponseMetadata.Error]).toEqual([400, { CodeN: 100006, Code: 'InvalidTimestamp', Message: expect.any(String) }]);
  expect(fresh.status).toBe(200);
});

test("ecs.envelope-echo: Region is the signed region, which is the endpoint's", async () => {
  const answer = await volcengine(mock.url, attachQuery({ ids: ids(1), name: kp.name }), { region: 'cn-beijing' });
  expect(answer.body.ResponseMetadata.Region).toBe('cn-beijing');
});

test('ecs.version: another Version is 404 InvalidActionOrVersion; no Action is 400 MissingParameter without Action', async () => {
  const version = await volcengine(mock.url, 'Action=AttachKeyPair&Version=2019-01-01&KeyPairName=ssh_key_pair&InstanceIds.1=i-running-000');
  expect(version.status).toBe(404);
  expect(version.body.ResponseMetadata.Error.Code).toBe('InvalidActionOrVersion');
  const noAction = await volcengine(mock.url, 'Version=2020-04-01&KeyPairName=ssh_key_pair');
  expect(noAction.status).toBe(400);
  expect(noAction.body.ResponseMetadata.Error.Code).toBe('MissingParameter');
  expect(noAction.body.ResponseMetadata.Action).toBeUndefined();
  expect(errorSchema(noAction.body)).toBe(true);
});

test('idempotent replay returns the same details; other parameters are a mismatch', async () => {
  // Arrange
  const token = `replay-${Date.now()}`;
  const first = await volcengine(mock.url, attachQuery({ ids: [run[0]!, 'i-missing'], name: kp.name, token }));
  // Act
  const replay = await volcengine(mock.url, attachQuery({ ids: [run[0]!, 'i-missing'], name: kp.name, token }));
  const reordered = await volcengine(mock.url, attachQuery({ ids: ['i-missing', run[0]!], name: kp.name, token }));
  // Assert
  expect(replay.body.Result.OperationDetails).toEqual(first.body.Result.OperationDetails);
  expect(replay.body.ResponseMetadata.RequestId).not.toBe(first.body.ResponseMetadata.RequestId);
  expect(reordered.status).toBe(400);
  expect(reordered.body.ResponseMetadata.Error.Code).toBe('IdempotentParameterMismatch');
});

test('a duplicate while the first is in process gets 412 IdempotentProcessing; never two results', async () => {
  // Arrange
  const q = attachQuery({ ids: ids(2), name: kp.name, token: `concurrent-${Date.now()}` });
  // Act
  const answers = await Promise.all([volcengine(mock.url, q), volcengine(mock.url, q), volcengine(mock.url, q)]);
  // Assert
  const statuses = answers.map((a) => a.status).sort();
  expect(statuses).toEqual([200, 412, 412]);
  for (const a of answers.filter((x) => x.status === 412)) expect(a.body.ResponseMetadata.Error.Code).toBe('IdempotentProcessing');
});

test('a rejected request does not use up its ClientToken', async () => {
  const token = `rejected-${Date.now()}`;
  const rejected = await volcengine(mock.url, attachQuery({ ids: ids(1), name: 'nobody', token }));
  const later = await volcengine(mock.url, attachQuery({ ids: ids(2), name: kp.name, token }));
  expect(rejected.status).toBe(404);
  expect(later.status).toBe(200);
});
