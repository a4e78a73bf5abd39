import { test, expect } from '@playwright/test';
import type { components } from '../../generated/huaweicloud-kps.ts';
import { startMock, type RunningMock } from '../../src/mock/index.ts';
import { SpecValidators } from '../../src/spec/spec-validators.ts';
import { FIX, huawei } from '../_helpers/mock-client.ts';

// The reference mock keeps every Huawei rule of docs/RULES.md: each row is a request and the answer
// the documents require. Responses are also checked against the spec's schema for their status.

const ASSOCIATE = 'POST /v3/{project}/keypairs/associate';
const BATCH = 'POST /v3/{project}/keypairs/batch-associate';
const validators = new SpecValidators();
/** One server's task in a batch's answer (the spec's TaskResponseBody). */
type Task = components['schemas']['TaskResponseBody'];
let mock: RunningMock;
test.beforeAll(async () => {
  mock = await startMock({ taskDelayMs: 100 });
});
test.afterAll(async () => mock.close());

const call = (route: string, body: unknown, o = {}) => {
  const [method, path] = route.split(' ') as [string, string];
  return huawei(mock.url, method, path, body, o);
};
const entry = (server: string, keypair = 'kp-alpha') => ({ keypair_name: keypair, server: { id: server } });
const running = (i: number) => FIX.running[i]!;

interface Row {
  what: string;
  rule: string;
  route: string;
  body: unknown;
  status: number;
  code?: string;
  rawBody?: string;
}

const rejections: Row[] = [
  {
    what: 'no keypair_name',
    rule: 'kps.associate.keypair-name-required',
    route: ASSOCIATE,
    body: { server: { id: running(0) } },
    status: 400,
    code: 'KPS.0002',
  },
  { what: 'no server', rule: 'kps.associate.server-required', route: ASSOCIATE, body: { keypair_name: 'kp-alpha' }, status: 400, code: 'KPS.0002' },
  {
    what: 'no server.id',
    rule: 'kps.associate.server-id-required',
    route: ASSOCIATE,
    body: { keypair_name: 'kp-alpha', server: {} },
    status: 400,
    code: 'KPS.0002',
  },
  {
    what: 'auth.type foo',
    rule: 'kps.associate.auth-type-enum',
    route: ASSOCIATE,
    body: { keypair_name: 'kp-alpha', server: { id: running(0), auth: { type: 'foo', key: 'k' } } },
    status: 400,
    code: 'KPS.0002',
  },
  {
    what: 'port "22"',
    rule: 'kps.associate.field-types',
    route: ASSOCIATE,
    body: { keypair_name: 'kp-alpha', server: { id: running(0), port: '22' } },
    status: 400,
    code: 'KPS.0002',
  },
  {
    what: 'disable_password "yes"',
    rule: 'kps.associate.field-types',
    route: ASSOCIATE,
    body: { keypair_name: 'kp-alpha', server: { id: running(0), disable_password: 'yes' } },
    status: 400,
    code: 'KPS.0002',
  },
  {
    what: 'port 65536',
    rule: 'kps.associate.port-range',
    route: ASSOCIATE,
    body: { keypair_name: 'kp-alpha', server: { id: running(0), port: 65536 } },
    status: 400,
    code: 'KPS.0002',
  },
  {
    what: 'port 0',
    rule: 'kps.associate.port-range',
    route: ASSOCIATE,
    body: { keypair_name: 'kp-alpha', server: { id: running(0), port: 0 } },
    status: 400,
    code: 'KPS.0002',
  },
  {
    what: 'a body that is not JSON',
    rule: 'kps.associate.malformed-json',
    route: ASSOCIATE,
    body: undefined,
    rawBody: '{"keypair_name": ',
    status: 400,
    code: 'KPS.0002',
  },
  { what: 'a JSON array body', rule: 'kps.associate.rejects-invalid', route: ASSOCIATE, body: [entry(running(0))], status: 400, code: 'KPS.0002' },
  {
    what: 'an unknown keypair_name',
    rule: 'kps.associate.unknown-keypair',
    route: ASSOCIATE,
    body: entry(running(0), 'kp-nobody'),
    status: 400,
    code: 'KPS.4016',
  },
  { what: 'no batch_keypairs', rule: 'kps.batch-associate.batch-required', route: BATCH, body: {}, status: 400, code: 'KPS.0002' },
  {
    what: '11 entries',
    rule: 'kps.batch-associate.max-10',
    route: BATCH,
    body: { batch_keypairs: FIX.running.slice(0, 11).map((s) => entry(s)) },
    status: 400,
    code: 'KPS.0002',
  },
  { what: 'an empty batch_keypairs', rule: 'kps.batch-associate.non-empty', route: BATCH, body: { batch_keypairs: [] }, status: 400, code: 'KPS.0002' },
  {
    what: 'two key pairs',
    rule: 'kps.batch-associate.same-keypair',
    route: BATCH,
    body: { batch_keypairs: [entry(running(0)), entry(running(1), 'kp-beta')] },
    status: 400,
    code: 'KPS.0002',
  },
  {
    what: 'an entry with auth.type foo',
    rule: 'kps.batch-associate.item-validation',
    route: BATCH,
    body: { batch_keypairs: [entry(running(0)), { keypair_name: 'kp-alpha', server: { id: running(1), auth: { type: 'foo' } } }] },
    status: 400,
    code: 'KPS.0002',
  },
];

for (const row of rejections) {
  test(`${row.rule}: ${row.what} is ${row.status} ${row.code}`, async () => {
    // Act
    const answer = await call(row.route, row.body, { rawBody: row.rawBody });
    // Assert
    expect(answer.status).toBe(row.status);
    expect(answer.body).toEqual({ error_code: row.code, error_msg: expect.any(String) });
    expect(answer.headers.get('x-request-id')).toMatch(/^[0-9a-f]{32}$/);
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
  });
}

test('kps.associate: replace (auth) and reset (no auth) on running servers are accepted with a task', async () => {
  // Act
  const replace = await call(ASSOCIATE, {
    keypair_name: 'kp-beta',
    server: { id: running(2), auth: { type: 'keypair', key: 'PRIVATE' }, port: 22, disable_password: true },
  });
  const reset = await call(ASSOCIATE, entry(running(3)));
  // Assert
  for (const [answer, server] of [
    [replace, running(2)],
    [reset, running(3)],
  ] as const) {
    expect(answer.status).toBe(202);
    expect(answer.body).toEqual({ task_id: expect.stringMatching(/^[0-9a-f-]{36}$/), server_id: server, status: 'SUCCESS' });
    expect(validators.forSchema('huaweicloud-kps', 'AssociateKeypairResponseBody')(answer.body)).toBe(true);
  }
});

test('kps.associate.unknown-server: an unknown server gets status FAILED with error_code and error_msg', async () => {
  const answer = await call(ASSOCIATE, entry('no-such-server'));
  expect(answer.status).toBe(202);
  expect(answer.body).toEqual({ server_id: 'no-such-server', status: 'FAILED', error_code: 'KPS.0002', error_msg: expect.any(String) });
});

test('kps.batch-associate: 10 running servers each get a SUCCESS task, in request order', async () => {
  // Arrange
  const ids = FIX.running.slice(10, 20);
  // Act
  const answer = await call(BATCH, { batch_keypairs: ids.map((s) => entry(s)) });
  // Assert
  expect(answer.status).toBe(202);
  expect(answer.body.tasks.map((t: Task) => [t.server_id, t.status])).toEqual(ids.map((s) => [s, 'SUCCESS']));
  for (const t of answer.body.tasks) expect(t.task_id).toMatch(/^[0-9a-f-]{36}$/);
  expect(validators.forSchema('huaweicloud-kps', 'BatchAssociateKeypairResponseBody')(answer.body)).toBe(true);
});

test('kps.batch-associate: stopped, bound and unknown servers fail alone; the running one succeeds', async () => {
  // Act
  const answer = await call(BATCH, { batch_keypairs: [entry(FIX.stopped[0]!), entry(running(20)), entry(FIX.bound[0]!), entry('ghost')] });
  // Assert
  expect(answer.status).toBe(202);
  const tasks = answer.body.tasks;
  expect(tasks.map((t: Task) => t.status)).toEqual(['FAILED', 'SUCCESS', 'FAILED', 'FAILED']);
  for (const t of tasks.filter((x: Task) => x.status === 'FAILED')) {
    expect(t).toEqual({ server_id: expect.any(String), status: 'FAILED', error_code: 'KPS.0002', error_msg: expect.any(String) });
  }
});

test('kps.batch-associate: an unknown key pair rejects the whole batch with KPS.4016', async () => {
  const answer = await call(BATCH, { batch_keypairs: [entry(running(21), 'kp-nobody')] });
  expect(answer.status).toBe(400);
  expect(answer.body.error_code).toBe('KPS.4016');
});

test("an unknown API is 404 APIGW.0101 with the gateway's request_id", async () => {
  const answer = await call('POST /v3/{project}/keypairs/unknown', {});
  expect(answer.status).toBe(404);
  expect(answer.body).toEqual({ error_code: 'APIGW.0101', error_msg: expect.any(String), request_id: expect.any(String) });
  const wrongMethod = await call('GET /v3/{project}/keypairs/associate', undefined);
  expect(wrongMethod.status).toBe(404);
  expect(wrongMethod.body.error_msg).toBe('The API does not exist.');
});
