import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { DEFAULT_READINGS, READING_NAMES, READINGS, resolveMockOptions, startMock, type Readings, type RunningMock } from '../../src/mock/index.ts';
import { readingsMarkdown } from '../../src/mock/readings-markdown.ts';
import { SpecValidators } from '../../src/spec/spec-validators.ts';
import { attachQuery, FIX, huawei, volcengine } from '../_helpers/mock-client.ts';

// Where the documents leave room, a reading picks the mock's answer. Each non-default value is shown
// here to change the answer its row probes, against the default mock; the answers stay documented.

const ASSOCIATE = '/v3/{project}/keypairs/associate';
const BATCH = '/v3/{project}/keypairs/batch-associate';
const validators = new SpecValidators();
const kpsError = validators.forSchema('huaweicloud-kps', 'KpsError');
const bind = (url: string, server: string, extra: object = {}) =>
  huawei(url, 'POST', ASSOCIATE, { keypair_name: 'kp-alpha', server: { id: server, ...extra } });
const lookup = async (url: string, taskId: string) => (await huawei(url, 'GET', `/v3/{project}/tasks/${taskId}`)).body.task_status;
const attach = (url: string, q: Parameters<typeof attachQuery>[0]) => volcengine(url, attachQuery(q));

interface Row {
  readonly reading: Partial<Readings>;
  readonly probe: (url: string) => Promise<unknown>;
  readonly byDefault: unknown;
  readonly withReading: unknown;
}

const rows: Row[] = [
  { reading: { huaweiSuccessStatus: 200 }, probe: async (url) => (await bind(url, FIX.running[0]!)).status, byDefault: 202, withReading: 200 },
  {
    reading: { batchFailedStatus: 'Failed' },
    probe: async (url) =>
      (await huawei(url, 'POST', BATCH, { batch_keypairs: [{ keypair_name: 'kp-alpha', server: { id: FIX.stopped[0]! } }] })).body.tasks[0].status,
    byDefault: 'FAILED',
    withReading: 'Failed',
  },
  {
    reading: { kpsErrorForm: 'nested' },
    probe: async (url) => [
      (await huawei(url, 'POST', ASSOCIATE, { server: { id: FIX.running[1]! } })).body,
      (await huawei(url, 'POST', ASSOCIATE, {}, { auth: 'none' })).body,
    ],
    byDefault: [
      { error_code: 'KPS.0002', error_msg: expect.any(String) },
      { error_code: 'APIGW.0301', error_msg: expect.any(String), request_id: expect.any(String) },
    ],
    withReading: [
      { error: { error_code: 'KPS.0002', error_msg: expect.any(String) } },
      { error: { error_code: 'APIGW.0301', error_msg: expect.any(String), request_id: expect.any(String) } },
    ],
  },
  {
    reading: { kpsRequestIdInBody: 'all' },
    probe: async (url) => 'request_id' in (await huawei(url, 'POST', ASSOCIATE, { server: { id: FIX.running[1]! } })).body,
    byDefault: false,
    withReading: true,
  },
  {
    reading: { kpsRequestIdInBody: 'none' },
    probe: async (url) => 'request_id' in (await huawei(url, 'POST', ASSOCIATE, {}, { auth: 'none' })).body,
    byDefault: true,
    withReading: false,
  },
  {
    reading: { associateSuccessBody: 'task-id-only' },
    probe: async (url) => Object.keys((await bind(url, FIX.running[2]!)).body),
    byDefault: ['task_id', 'server_id', 'status'],
    withReading: ['task_id'],
  },
  {
    reading: { unknownServer: 'rejected' },
    probe: async (url) => {
      const answer = await bind(url, 'no-such-server');
      return [answer.status, answer.body.status ?? answer.body.error_code];
    },
    byDefault: [202, 'FAILED'],
    withReading: [400, 'KPS.0002'],
  },
  {
    reading: { batchPreconditionFailure: 'rejected' },
    probe: async (url) => {
      const entries = [FIX.running[3]!, FIX.stopped[1]!, FIX.bound[0]!].map((id) => ({ keypair_name: 'kp-alpha', server: { id } }));
      const answer = await huawei(url, 'POST', BATCH, { batch_keypairs: entries });
      return [answer.status, answer.body.tasks?.map((t: { status: string }) => t.status) ?? answer.body.error_code];
    },
    byDefault: [202, ['SUCCESS', 'FAILED', 'FAILED']],
    withReading: [400, 'KPS.0002'],
  },
  {
    reading: { kpsUnknownKeypairCode: 'KPS.6004' },
    probe: async (url) => (await huawei(url, 'POST', ASSOCIATE, { keypair_name: 'kp-nobody', server: { id: FIX.running[4]! } })).body.error_code,
    byDefault: 'KPS.4016',
    withReading: 'KPS.6004',
  },
  {
    reading: { replaceTaskEnd: 'REPLACE' },
    probe: async (url) => lookup(url, (await bind(url, FIX.running[5]!, { auth: { type: 'password', key: 'pw' } })).body.task_id),
    byDefault: 'SUCCESS_RESET',
    withReading: 'SUCCESS_REPLACE',
  },
  {
    reading: { taskNames: 'terraform-bind' },
    probe: async (url) => [
      await lookup(url, (await bind(url, FIX.running[6]!)).body.task_id),
      await lookup(url, (await bind(url, FIX.running[7]!, { auth: { type: 'password', key: 'pw' } })).body.task_id),
    ],
    byDefault: ['SUCCESS_RESET', 'SUCCESS_RESET'],
    withReading: ['SUCCESS_BIND', 'SUCCESS_BIND'],
  },
  {
    reading: { ecsCodeN: 'present' },
    probe: async (url) => [
      (await volcengine(url, 'Version=2020-04-01')).body.ResponseMetadata.Error.CodeN,
      (await attach(url, { name: 'ssh_key_pair' })).body.ResponseMetadata.Error.CodeN,
    ],
    // MissingParameter.InstanceIds is the service's, not a gateway code: no CodeN either way
    byDefault: [undefined, undefined],
    withReading: [100002, undefined],
  },
  {
    reading: { ecsDefaultsEcho: 'defaults' },
    probe: async (url) => {
      const meta = (await volcengine(url, 'Action=AttachKeyPair&KeyPairName=ssh_key_pair')).body.ResponseMetadata;
      return [meta.Action, meta.Version];
    },
    byDefault: ['AttachKeyPair', undefined],
    withReading: ['AttachKeyPair', '2020-04-01'],
  },
  {
    reading: { ecsGatewayEnvelope: 'minimal' },
    probe: async (url) => [
      Object.keys((await volcengine(url, attachQuery({ ids: ['i-running-000'], name: 'ssh_key_pair' }), { unsigned: true })).body.ResponseMetadata),
      Object.keys((await volcengine(url, 'Action=AttachKeyPair&Version=2019-01-01')).body.ResponseMetadata),
    ],
    byDefault: [
      ['RequestId', 'Action', 'Version', 'Service', 'Region', 'Error'],
      ['RequestId', 'Action', 'Version', 'Service', 'Region', 'Error'],
    ],
    withReading: [
      ['RequestId', 'Error'],
      ['RequestId', 'Error'],
    ],
  },
  {
    reading: { ecsUnknownAccessKey: 'InvalidClientTokenId' },
    probe: async (url) =>
      (await volcengine(url, attachQuery({ ids: ['i-running-000'], name: 'ssh_key_pair' }), { accessKey: 'AKLTnobody' })).body.ResponseMetadata.Error.Code,
    byDefault: 'InvalidAccessKey',
    withReading: 'InvalidClientTokenId',
  },
  {
    reading: { ecsMissingActionOrVersion: 'InvalidActionOrVersion' },
    probe: async (url) => {
      const answer = await volcengine(url, 'Version=2020-04-01&KeyPairName=ssh_key_pair');
      return [answer.status, answer.body.ResponseMetadata.Error.Code];
    },
    byDefault: [400, 'MissingParameter'],
    withReading: [404, 'InvalidActionOrVersion'],
  },
  {
    reading: { messages: 'alternate' },
    probe: async (url) => [
      (await huawei(url, 'POST', ASSOCIATE, { server: { id: FIX.running[8]! } })).body.error_msg,
      (await attach(url, { ids: ['i-running-000'], name: 'nobody' })).body.ResponseMetadata.Error.Message,
      (await attach(url, { ids: ['i-windows-000'], name: 'ssh_key_pair' })).body.Result.OperationDetails[0].Error.Message,
    ],
    byDefault: [
      expect.stringContaining("required property 'keypair_name'"),
      'The specified KeyPair does not exist.',
      'The OSType of this specified instance is Windows, which does not support key pairs.',
    ],
    withReading: ['Request failed: KPS.0002.', 'Request failed: InvalidKeyPair.NotFound.', 'Request failed: InvalidKeyPairForWindows.Unsupported.'],
  },
  {
    reading: { severalBroken: 'last' },
    probe: async (url) => [
      (await huawei(url, 'POST', ASSOCIATE, {})).body.error_msg,
      (await attach(url, { token: 'x'.repeat(65) })).body.ResponseMetadata.Error.Code,
    ],
    byDefault: [expect.stringContaining("'keypair_name'"), 'MissingParameter.InstanceIds'],
    withReading: [expect.stringContaining("'server'"), 'InvalidClientToken.Malformed'],
  },
];

let plain: RunningMock;
test.beforeAll(async () => {
  plain = await startMock({ taskDelayMs: 0 });
});
test.afterAll(async () => plain.close());

test('every non-default value of every reading has a row below', () => {
  const shown = new Set(rows.flatMap((r) => Object.entries(r.reading).map(([n, v]) => `${n}=${v}`)));
  const needed = READING_NAMES.flatMap((n) => READINGS[n].values.slice(1).map((v) => `${n}=${v}`));
  expect(needed.filter((x) => !shown.has(x))).toEqual([]);
});

for (const row of rows) {
  const [name, value] = Object.entries(row.reading)[0]!;
  test(`${name} ${value}: ${JSON.stringify(row.byDefault)} becomes ${JSON.stringify(row.withReading)}`, async () => {
    // Arrange
    const mock = await startMock({ taskDelayMs: 0, readings: row.reading });
    try {
      // Act
      const before = await row.probe(plain.url);
      const after = await row.probe(mock.url);
      // Assert
      expect(before).toEqual(row.byDefault);
      expect(after).toEqual(row.withReading);
    } finally {
      await mock.close();
    }
  });
}

test("nested KPS errors, the gateway's included, are the spec's KpsError", async () => {
  const mock = await startMock({ readings: { kpsErrorForm: 'nested', kpsRequestIdInBody: 'all' } });
  try {
    const answers = [
      await huawei(mock.url, 'POST', ASSOCIATE, { server: { id: FIX.running[0]! } }),
      await huawei(mock.url, 'POST', ASSOCIATE, {}, { auth: 'none' }),
      await huawei(mock.url, 'POST', '/v3/{project}/keypairs/nothing', {}),
    ];
    for (const a of answers) {
      expect(Object.keys(a.body), a.text).toEqual(['error']);
      expect(kpsError(a.body), a.text).toBe(true);
    }
  } finally {
    await mock.close();
  }
});

// The suite restores fixtures with DisassociateKeypair and follows binds with ListKeypairTask: both work
// whatever the readings, and an unbind ends SUCCESS_UNBIND even with the _BIND task names.
for (const [name, value] of READING_NAMES.flatMap((n) => READINGS[n].values.slice(1).map((v) => [n, v] as const))) {
  test(`with ${name} ${value}, a bind is followed to its end and an unbind restores the server`, async () => {
    // Arrange
    const mock = await startMock({ taskDelayMs: 0, readings: { [name]: value } });
    try {
      const server = FIX.bound[1]!;
      // Act
      const unbind = await huawei(mock.url, 'POST', '/v3/{project}/keypairs/disassociate', { server: { id: server } });
      const unbound = await lookup(mock.url, unbind.body.task_id);
      const rebind = await bind(mock.url, server);
      const rebound = await lookup(mock.url, rebind.body.task_id);
      // Assert
      expect([unbind.status, unbound]).toEqual([mock.options.readings.huaweiSuccessStatus, 'SUCCESS_UNBIND']);
      expect(rebound).toMatch(/^SUCCESS_(RESET|BIND)$/);
      expect(mock.snapshot().huaweicloud[server]).toBe('kp-alpha');
    } finally {
      await mock.close();
    }
  });
}

test('a reading or value outside the table is refused with the values it may take', () => {
  expect(() => resolveMockOptions({ readings: { kpsErrorForm: 'deep' as 'flat' } })).toThrow(
    'startMock: reading kpsErrorForm deep is not one of flat, nested.',
  );
  expect(() => resolveMockOptions({ readings: { colour: 'red' } as never })).toThrow(/^startMock: "colour" is not a reading\. Readings: huaweiSuccessStatus, /);
  expect(resolveMockOptions().readings).toEqual(DEFAULT_READINGS);
});

test('docs/mock.md shows the READINGS table as the code has it', () => {
  const doc = readFileSync(new URL('../../docs/mock.md', import.meta.url), 'utf8');
  const shown = doc.match(/<!-- readings:start -->\n([\s\S]*?)\n<!-- readings:end -->/)?.[1];
  expect(shown).toBe(readingsMarkdown());
});
