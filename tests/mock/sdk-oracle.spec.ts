import { test, expect } from '@playwright/test';
import type { components } from '../../generated/huaweicloud-kps.ts';
import { defaultFixtures, startMock, type MockOptionsInput, type RunningMock } from '../../src/mock/index.ts';
import { SpecValidators } from '../../src/spec/spec-validators.ts';
import { attachQuery, FIX, huawei, PROJECT, volcengine, type Answer } from '../_helpers/mock-client.ts';
import { huaweiScoped } from './_helpers/huawei-scoped.ts';
import { volcengineScoped } from './_helpers/volcengine-scoped.ts';

// Issue 12, point 6: the mock as an SDK oracle answers as the clouds do where a client could be wrong:
// a signature scoped to another region or service, a project that is not the caller's, and a batch that
// names a server whose earlier bind has not ended (one bind, however often the client resends).

const validators = new SpecValidators();
const ecsError = validators.forSchema('volcengine-ecs', 'ErrorEnvelope');
const kpsError = validators.forSchema('huaweicloud-kps', 'KpsError');

async function withMock(options: MockOptionsInput, body: (mock: RunningMock) => Promise<void>): Promise<void> {
  const mock = await startMock(options);
  try {
    await body(mock);
  } finally {
    await mock.close();
  }
}

const errorOf = (a: Pick<Answer, 'status' | 'body'>) => [a.status, a.body.ResponseMetadata.Error?.Code ?? null];

test.describe('Volcengine: a signature scoped to another region or service', () => {
  const instance = FIX.instances('running')[40]!;
  const kp = FIX.keyPairs[1]!;

  test('a correct key signed for region cn-shanghai or service ec2 is 401 SignatureDoesNotMatch (CodeN 100010), and changes nothing', async () => {
    await withMock({ readings: { ecsCodeN: 'present' } }, async (mock) => {
      // Arrange: the mock's region is cn-beijing; the same request signed for two wrong scopes
      const q = (token: string) => attachQuery({ ids: [instance], name: kp.name, token });
      const before = mock.snapshot().volcengine[instance];
      expect(before).not.toBe(kp.id);
      // Act
      const region = await volcengine(mock.url, q('scope-region'), { region: 'cn-shanghai' });
      const service = await volcengineScoped(mock.url, q('scope-service'), { service: 'ec2', region: 'cn-beijing' });
      // Assert: refused by the gateway, in the envelope, with the common code's number
      for (const answer of [region, service]) {
        expect(answer.status).toBe(401);
        expect(answer.body.ResponseMetadata.Error).toEqual({ CodeN: 100010, Code: 'SignatureDoesNotMatch', Message: expect.any(String) });
        expect(answer.body.Result).toBeUndefined();
        expect(ecsError(answer.body)).toBe(true);
      }
      // Assert: nothing bound, no ClientToken taken (reused with other parameters, each is new)
      expect(mock.snapshot().volcengine[instance]).toBe(before);
      const other = FIX.instances('running')[41]!;
      for (const token of ['scope-region', 'scope-service']) {
        expect(errorOf(await volcengine(mock.url, attachQuery({ ids: [other], name: kp.name, token }))), token).toEqual([200, null]);
      }
    });
  });

  test("the accepted scope is the mock's configured region: a cn-shanghai mock takes cn-shanghai and refuses cn-beijing", async () => {
    await withMock({ fixtures: { ...defaultFixtures(), volcengineRegion: 'cn-shanghai' } }, async (mock) => {
      const q = attachQuery({ ids: [instance], name: kp.name });
      const own = await volcengine(mock.url, q, { region: 'cn-shanghai' });
      const beijing = await volcengine(mock.url, q, { region: 'cn-beijing' });
      expect([...errorOf(own), own.body.ResponseMetadata.Region]).toEqual([200, null, 'cn-shanghai']);
      expect(errorOf(beijing)).toEqual([401, 'SignatureDoesNotMatch']);
    });
  });

  test('the any-region variant fault takes another region and echoes it, but still refuses another service', async () => {
    await withMock({ faults: ['ecs.auth.bad-signature:any-region'] }, async (mock) => {
      const region = await volcengine(mock.url, attachQuery({ ids: [instance], name: kp.name }), { region: 'cn-shanghai' });
      const service = await volcengineScoped(mock.url, attachQuery({ ids: [instance], name: kp.name }), { service: 'ec2', region: 'cn-beijing' });
      expect([...errorOf(region), region.body.ResponseMetadata.Region]).toEqual([200, null, 'cn-shanghai']);
      expect(errorOf(service)).toEqual([401, 'SignatureDoesNotMatch']);
    });
  });
});

test.describe("Huawei: a project that is not the caller's", () => {
  const OTHER = 'fedcba9876543210fedcba9876543210';
  const bind = (server: string) => ({ keypair_name: 'kp-alpha', server: { id: server } });
  const ROUTES = [
    { method: 'POST', route: '/keypairs/associate', body: bind(FIX.running[200]!) },
    { method: 'POST', route: '/keypairs/batch-associate', body: { batch_keypairs: [bind(FIX.running[201]!)] } },
    { method: 'POST', route: '/keypairs/disassociate', body: { server: { id: FIX.bound[20]! } } },
    { method: 'GET', route: '/tasks/some-task' },
  ] as const;
  const unavailable = { error_code: 'APIGW.0310', error_msg: 'The project is unavailable.', request_id: expect.any(String) };

  test('a path project_id of another project is 403 APIGW.0310 on every route, signed or with a token, and binds nothing', async () => {
    await withMock({}, async (mock) => {
      for (const { method, route, ...rest } of ROUTES) {
        const body = 'body' in rest ? rest.body : undefined;
        // Act: path and X-Project-Id agree with each other, but name another project
        const signed = await huaweiScoped(mock.url, method, route, { pathProject: OTHER, headerProject: OTHER }, body);
        const bare = await huaweiScoped(mock.url, method, route, { pathProject: OTHER }, body);
        const token = await huaweiScoped(mock.url, method, route, { pathProject: OTHER, token: true }, body);
        // Assert
        for (const answer of [signed, bare, token]) {
          expect([answer.status, answer.body], `${method} ${route}`).toEqual([403, unavailable]);
          expect(kpsError(answer.body)).toBe(true);
        }
      }
      // Assert: the refused binds and unbind changed nothing
      const bindings = mock.snapshot().huaweicloud;
      expect([bindings[FIX.running[200]!], bindings[FIX.running[201]!], bindings[FIX.bound[20]!]]).toEqual([null, null, 'kp-alpha']);
    });
  });

  test("an X-Project-Id other than the path's is 403 APIGW.0310; the same one or none is accepted; a token is judged by its path", async () => {
    await withMock({}, async (mock) => {
      const route = '/keypairs/associate';
      const mismatch = await huaweiScoped(mock.url, 'POST', route, { pathProject: PROJECT, headerProject: OTHER }, bind(FIX.running[210]!));
      const same = await huaweiScoped(mock.url, 'POST', route, { pathProject: PROJECT, headerProject: PROJECT }, bind(FIX.running[211]!));
      const none = await huaweiScoped(mock.url, 'POST', route, { pathProject: PROJECT }, bind(FIX.running[212]!));
      const token = await huaweiScoped(mock.url, 'POST', route, { pathProject: PROJECT, headerProject: OTHER, token: true }, bind(FIX.running[213]!));
      expect([mismatch.status, mismatch.body]).toEqual([403, unavailable]);
      expect([same.status, none.status, token.status]).toEqual([202, 202, 202]);
      expect(mock.snapshot().huaweicloud[FIX.running[210]!]).toBeNull();
    });
  });

  test('authentication comes first: an unsigned, wrongly signed or forged-token request for another project is 401 APIGW.0301', async () => {
    await withMock({}, async (mock) => {
      const body = bind(FIX.running[220]!);
      const unsigned = await fetch(`${mock.url}/v3/${OTHER}/keypairs/associate`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const wrongKey = await huaweiScoped(mock.url, 'POST', '/keypairs/associate', { pathProject: OTHER, headerProject: OTHER, secretKey: 'wrong' }, body);
      const forged = await huaweiScoped(mock.url, 'POST', '/keypairs/associate', { pathProject: OTHER, token: 'forged' }, body);
      expect([unsigned.status, ((await unsigned.json()) as components['schemas']['KpsErrorFlat']).error_code]).toEqual([401, 'APIGW.0301']);
      for (const answer of [wrongKey, forged]) expect([answer.status, answer.body.error_code]).toEqual([401, 'APIGW.0301']);
    });
  });

  test("the caller's project is the configured one: a mock of another project accepts it, refuses the default, and shapes the 403 as its reading says", async () => {
    await withMock({ fixtures: { ...defaultFixtures(), projectId: OTHER }, readings: { kpsErrorForm: 'nested' } }, async (mock) => {
      const own = await huaweiScoped(mock.url, 'POST', '/keypairs/associate', { pathProject: OTHER, headerProject: OTHER }, bind(FIX.running[230]!));
      const defaultProject = await huaweiScoped(
        mock.url,
        'POST',
        '/keypairs/associate',
        { pathProject: PROJECT, headerProject: PROJECT },
        bind(FIX.running[231]!),
      );
      expect(own.status).toBe(202);
      expect([defaultProject.status, defaultProject.body]).toEqual([403, { error: unavailable }]);
    });
  });
});

test.describe('Huawei: a server with a bind in flight is busy for a batch', () => {
  const ASSOCIATE = '/v3/{project}/keypairs/associate';
  const BATCH = '/v3/{project}/keypairs/batch-associate';
  const entry = (server: string, keypair = 'kp-beta') => ({ keypair_name: keypair, server: { id: server } });
  const busyTask = { server_id: expect.any(String), status: 'FAILED', error_code: 'KPS.0002', error_msg: 'The ECS has a key pair task in progress' };
  let clock = Date.now();
  const options = (more: MockOptionsInput = {}): MockOptionsInput => ({ taskDelayMs: 1000, now: () => clock, ...more });
  test.beforeEach(() => {
    clock = Date.now();
  });

  test('20 batches naming a server whose AssociateKeypair task runs each fail it (KPS.0002, no task); their other entries go ahead; one bind takes effect', async () => {
    await withMock(options(), async (mock) => {
      // Arrange: a bind of a running, unbound server, its task in flight
      const server = FIX.running[300]!;
      const first = await huawei(mock.url, 'POST', ASSOCIATE, entry(server, 'kp-alpha'));
      expect(first.status).toBe(202);
      // Act: a client resends a batch of that server (with another key pair) 20 times while it runs
      const answers = [];
      for (let i = 0; i < 20; i++) {
        answers.push(await huawei(mock.url, 'POST', BATCH, { batch_keypairs: [entry(server), entry(FIX.running[310 + i]!)] }));
        clock += 10;
      }
      // Assert: the busy entry fails, the fresh one succeeds, in every answer
      for (const a of answers) {
        expect(a.status).toBe(202);
        expect(a.body.tasks[0]).toEqual({ ...busyTask, server_id: server });
        expect(a.body.tasks[1]).toMatchObject({ server_id: expect.any(String), status: 'SUCCESS', task_id: expect.any(String) });
      }
      // Assert: once every task has ended, the server holds the first bind's key pair, not a batch's
      const bindings = mock.snapshot().huaweicloud;
      expect(bindings[server]).toBe('kp-alpha');
      expect(bindings[FIX.running[329]!]).toBe('kp-beta');
    });
  });

  test("a batch's own bind makes the server busy for the next batch, and the same server twice in one batch gets one bind", async () => {
    await withMock(options(), async (mock) => {
      const [a, b] = [FIX.running[340]!, FIX.running[341]!];
      const started = await huawei(mock.url, 'POST', BATCH, { batch_keypairs: [entry(a)] });
      const again = await huawei(mock.url, 'POST', BATCH, { batch_keypairs: [entry(a)] });
      const twice = await huawei(mock.url, 'POST', BATCH, { batch_keypairs: [entry(b), entry(b)] });
      expect(started.body.tasks[0]).toMatchObject({ status: 'SUCCESS', task_id: expect.any(String) });
      expect(again.body.tasks[0]).toEqual({ ...busyTask, server_id: a });
      expect(twice.body.tasks.map((t: components['schemas']['TaskResponseBody']) => [t.status, typeof t.task_id])).toEqual([
        ['SUCCESS', 'string'],
        ['FAILED', 'undefined'],
      ]);
    });
  });

  test('once the task has ended the server is judged by its binding: bound fails as already bound; unbound again, it takes a bind', async () => {
    await withMock(options(), async (mock) => {
      const server = FIX.running[350]!;
      await huawei(mock.url, 'POST', ASSOCIATE, entry(server, 'kp-alpha'));
      clock += 1000; // the bind's task is terminal now
      const bound = await huawei(mock.url, 'POST', BATCH, { batch_keypairs: [entry(server)] });
      const unbind = await huawei(mock.url, 'POST', '/v3/{project}/keypairs/disassociate', { server: { id: server } });
      clock += 1000;
      const fresh = await huawei(mock.url, 'POST', BATCH, { batch_keypairs: [entry(server)] });
      expect(bound.body.tasks[0]).toMatchObject({ status: 'FAILED', error_code: 'KPS.0002', error_msg: 'The ECS is already bound to a key pair' });
      expect(unbind.status).toBe(202);
      expect(fresh.body.tasks[0]).toMatchObject({ status: 'SUCCESS', task_id: expect.any(String) });
    });
  });

  test('AssociateKeypair on a busy server is taken as on a bound one: accepted with its own task, which runs on past the first and decides the binding', async () => {
    await withMock(options(), async (mock) => {
      const server = FIX.running[360]!;
      await huawei(mock.url, 'POST', ASSOCIATE, entry(server, 'kp-alpha'));
      clock += 500;
      const replace = await huawei(mock.url, 'POST', ASSOCIATE, { keypair_name: 'kp-gamma', server: { id: server, auth: { type: 'password', key: 'pw' } } });
      clock += 600; // the first task has ended, the second has not
      const task = await huawei(mock.url, 'GET', `/v3/{project}/tasks/${replace.body.task_id}`);
      clock += 1000;
      expect([replace.status, replace.body.status, typeof replace.body.task_id]).toEqual([202, 'SUCCESS', 'string']);
      expect(task.body.task_status).toBe('RUNNING_REPLACE');
      expect(mock.snapshot().huaweicloud[server]).toBe('kp-gamma');
    });
  });

  test('where the reading refuses a batch for a failed precondition, a busy server refuses it whole; the already-bound fault drops the check', async () => {
    await withMock(options({ readings: { batchPreconditionFailure: 'rejected' } }), async (mock) => {
      const [server, other] = [FIX.running[370]!, FIX.running[371]!];
      await huawei(mock.url, 'POST', ASSOCIATE, entry(server, 'kp-alpha'));
      const refused = await huawei(mock.url, 'POST', BATCH, { batch_keypairs: [entry(server), entry(other)] });
      expect([refused.status, refused.body.error_code]).toEqual([400, 'KPS.0002']);
      expect(mock.snapshot().huaweicloud[other]).toBeNull();
    });
    await withMock(options({ faults: ['kps.batch-associate.already-bound'] }), async (mock) => {
      const server = FIX.running[380]!;
      await huawei(mock.url, 'POST', ASSOCIATE, entry(server, 'kp-alpha'));
      const broken = await huawei(mock.url, 'POST', BATCH, { batch_keypairs: [entry(server)] });
      expect(broken.body.tasks[0]).toMatchObject({ status: 'SUCCESS', task_id: expect.any(String) });
    });
  });
});
