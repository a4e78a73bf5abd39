import { test, expect } from '@playwright/test';
import { startMock, type RunningMock } from '../../src/mock/index.ts';
import { FIX, huawei } from '../_helpers/mock-client.ts';

// Authentication as the Huawei API gateway does it, and the State section of docs/RULES.md: a bind
// becomes visible when its task is terminal, a bound server fails a batch, an unbind frees it.

let clock = Date.UTC(2026, 10, 23, 12, 0, 0);
let mock: RunningMock;
test.beforeAll(async () => {
  mock = await startMock({ taskDelayMs: 1000, now: () => clock });
});
test.afterAll(async () => mock.close());
test.describe.configure({ mode: 'serial' });

const ASSOCIATE = '/v3/{project}/keypairs/associate';
const body = (server: string) => ({ keypair_name: 'kp-alpha', server: { id: server } });

test('kps.auth.required: no token and no signature is 401 APIGW.0301, and nothing changes', async () => {
  const answer = await huawei(mock.url, 'POST', ASSOCIATE, body(FIX.running[50]!), { auth: 'none' });
  expect(answer.status).toBe(401);
  expect(answer.body).toEqual({
    error_code: 'APIGW.0301',
    error_msg: expect.stringContaining('Incorrect IAM authentication information'),
    request_id: expect.any(String),
  });
});

test('an IAM token in X-Auth-Token is accepted; an unknown one is 401', async () => {
  expect((await huawei(mock.url, 'POST', ASSOCIATE, body(FIX.running[51]!), { auth: 'token', date: new Date(clock) })).status).toBe(202);
  const bad = await huawei(mock.url, 'POST', ASSOCIATE, body(FIX.running[51]!), { auth: 'none', headers: { 'X-Auth-Token': 'forged' } });
  expect(bad.status).toBe(401);
});

test('kps.auth.bad-signature: a wrong SK is 401 APIGW.0301 verify aksk signature fail', async () => {
  const answer = await huawei(mock.url, 'POST', ASSOCIATE, body(FIX.running[52]!), { secretKey: 'wrong', date: new Date(clock) });
  expect(answer.status).toBe(401);
  expect(answer.body.error_code).toBe('APIGW.0301');
  expect(answer.body.error_msg).toContain('verify aksk signature fail');
});

test('an unknown AK is 401 APIGW.0301', async () => {
  const answer = await huawei(mock.url, 'POST', ASSOCIATE, body(FIX.running[52]!), { accessKey: 'UNKNOWNAK', date: new Date(clock) });
  expect(answer.status).toBe(401);
  expect(answer.body.error_code).toBe('APIGW.0301');
});

test('kps.auth.stale-date: X-Sdk-Date 16 minutes off is 401; 14 minutes is accepted', async () => {
  const stale = await huawei(mock.url, 'POST', ASSOCIATE, body(FIX.running[53]!), { date: new Date(clock - 16 * 60_000) });
  expect(stale.status).toBe(401);
  expect(stale.body.error_code).toBe('APIGW.0303');
  const fresh = await huawei(mock.url, 'POST', ASSOCIATE, body(FIX.running[53]!), { date: new Date(clock + 14 * 60_000) });
  expect(fresh.status).toBe(202);
});

test('a task goes READY_ → RUNNING_ → SUCCESS_, and the server is bound only then', async () => {
  // Arrange
  const server = FIX.running[60]!;
  const start = await huawei(mock.url, 'POST', ASSOCIATE, body(server), { date: new Date(clock) });
  const taskPath = `/v3/{project}/tasks/${start.body.task_id}`;
  const status = async () => (await huawei(mock.url, 'GET', taskPath, undefined, { date: new Date(clock) })).body;
  const batch = async () =>
    (await huawei(mock.url, 'POST', '/v3/{project}/keypairs/batch-associate', { batch_keypairs: [body(server)] }, { date: new Date(clock) })).body.tasks[0]
      .status;
  // Act & Assert: before the task ends the server is still unbound
  expect(await status()).toEqual({ server_id: server, task_id: start.body.task_id, task_status: 'READY_RESET' });
  clock += 600;
  expect((await status()).task_status).toBe('RUNNING_RESET');
  clock += 500;
  expect((await status()).task_status).toBe('SUCCESS_RESET');
  // kps.batch-associate.already-bound: now bound, a batch fails it
  expect(await batch()).toBe('FAILED');
});

test('DisassociateKeypair unbinds once its task ends; an unknown task id is KPS.0001', async () => {
  // Arrange
  const server = FIX.bound[5]!;
  // Act
  const unbind = await huawei(mock.url, 'POST', '/v3/{project}/keypairs/disassociate', { server: { id: server } }, { date: new Date(clock) });
  clock += 1100;
  const task = await huawei(mock.url, 'GET', `/v3/{project}/tasks/${unbind.body.task_id}`, undefined, { date: new Date(clock) });
  const batch = await huawei(mock.url, 'POST', '/v3/{project}/keypairs/batch-associate', { batch_keypairs: [body(server)] }, { date: new Date(clock) });
  const unknown = await huawei(mock.url, 'GET', '/v3/{project}/tasks/no-such-task', undefined, { date: new Date(clock) });
  // Assert
  expect(unbind.status).toBe(202);
  expect(task.body.task_status).toBe('SUCCESS_UNBIND');
  expect(batch.body.tasks[0].status).toBe('SUCCESS');
  expect(unknown.status).toBe(400);
  expect(unknown.body.error_code).toBe('KPS.0001');
});

test('a replace (with auth) is a REPLACE task that ends in the documented SUCCESS_RESET', async () => {
  const start = await huawei(
    mock.url,
    'POST',
    ASSOCIATE,
    { keypair_name: 'kp-beta', server: { id: FIX.bound[6]!, auth: { type: 'password', key: 'pw' } } },
    { date: new Date(clock) },
  );
  const path = `/v3/{project}/tasks/${start.body.task_id}`;
  expect((await huawei(mock.url, 'GET', path, undefined, { date: new Date(clock) })).body.task_status).toBe('READY_REPLACE');
  clock += 1100;
  expect((await huawei(mock.url, 'GET', path, undefined, { date: new Date(clock) })).body.task_status).toBe('SUCCESS_RESET');
});

test('a rejected request changes nothing: an invalid bind leaves the server free for a batch', async () => {
  const server = FIX.running[61]!;
  const rejected = await huawei(mock.url, 'POST', ASSOCIATE, { keypair_name: 'kp-alpha', server: { id: server, port: '22' } }, { date: new Date(clock) });
  clock += 1100;
  const batch = await huawei(mock.url, 'POST', '/v3/{project}/keypairs/batch-associate', { batch_keypairs: [body(server)] }, { date: new Date(clock) });
  expect(rejected.status).toBe(400);
  expect(batch.body.tasks[0].status).toBe('SUCCESS');
});
