import { test, expect } from '@playwright/test';
import {
  ALL_FAULTS,
  DEFAULT_CREDENTIALS,
  FAULTABLE_RULES,
  resolveMockOptions,
  startMock,
  VARIANT_FAULTS,
  type RunningMock,
  type VariantFaultId,
} from '../../src/mock/index.ts';
import { huaweiSdkHmacSha256 } from '../../src/signing/index.ts';
import { attachQuery, FIX, huawei, PROJECT, volcengine, type Answer, type VolcCallOptions } from '../_helpers/mock-client.ts';

// Variant faults, RULE-ID:NAME: other ways a server breaks one rule. Each row shows the mock with the
// fault answering the broken way and the mock without it the right way.

const ASSOCIATE = '/v3/{project}/keypairs/associate';
const BATCH = '/v3/{project}/keypairs/batch-associate';
const entries = (ids: readonly string[]) => ({ batch_keypairs: ids.map((id) => ({ keypair_name: 'kp-alpha', server: { id } })) });
const ids = (n: number) => Array.from({ length: n }, (_, i) => `i-running-${String(i % 60).padStart(3, '0')}`);
/** An AssociateKeypair signed for one body, with another body sent: a body changed after signing. */
async function sentAfterSigning(baseUrl: string, signedBody: object, sentBody: object): Promise<{ status: number }> {
  const url = `${baseUrl}/v3/${PROJECT}/keypairs/associate`;
  const headers = { 'content-type': 'application/json' };
  const creds = DEFAULT_CREDENTIALS.huawei;
  const signed = huaweiSdkHmacSha256(
    { method: 'POST', url, headers, body: JSON.stringify(signedBody) },
    { accessKey: creds.accessKey, secretKey: creds.secretKey, projectId: PROJECT },
  );
  return { status: (await fetch(signed.url, { method: 'POST', headers: signed.headers, body: JSON.stringify(sentBody) })).status };
}
const errorCodeOf = (a: Pick<Answer, 'status' | 'body'>) => [a.status, a.body.ResponseMetadata.Error?.Code ?? null];

/** A refused AttachKeyPair carrying `token`, then a valid one reusing it with another instance: both answers. */
async function tokenReusedAfterRefusal(mock: RunningMock, token: string, refusedAs: VolcCallOptions): Promise<unknown> {
  const refused = await volcengine(mock.url, attachQuery({ ids: ['i-running-000'], name: 'ssh_key_pair', token }), refusedAs);
  const later = await volcengine(mock.url, attachQuery({ ids: ['i-running-001'], name: 'ssh_key_pair', token }));
  return [errorCodeOf(refused), errorCodeOf(later)];
}

interface Row {
  readonly fault: VariantFaultId;
  readonly probe: (mock: RunningMock) => Promise<unknown>;
  readonly healthy: unknown;
  readonly broken: unknown;
}

const rows: Row[] = [
  {
    fault: 'kps.auth.required:carried-out',
    probe: async (mock) => {
      const server = FIX.running[0]!;
      const answer = await huawei(mock.url, 'POST', ASSOCIATE, { keypair_name: 'kp-beta', server: { id: server } }, { auth: 'none' });
      return [answer.status, answer.body.error_code, mock.snapshot().huaweicloud[server]];
    },
    healthy: [401, 'APIGW.0301', null],
    broken: [401, 'APIGW.0301', 'kp-beta'],
  },
  {
    fault: 'kps.auth.bad-signature:carried-out',
    probe: async (mock) => {
      const [one, two] = [FIX.running[1]!, FIX.running[2]!];
      const wrongKey = await huawei(mock.url, 'POST', BATCH, entries([one]), { secretKey: 'wrong' });
      const changed = await sentAfterSigning(
        mock.url,
        { keypair_name: 'kp-beta', server: { id: FIX.running[9]! } },
        { keypair_name: 'kp-beta', server: { id: two } },
      );
      const bindings = mock.snapshot().huaweicloud;
      return [wrongKey.status, changed.status, bindings[one], bindings[two]];
    },
    healthy: [401, 401, null, null],
    broken: [401, 401, 'kp-alpha', 'kp-beta'],
  },
  {
    fault: 'ecs.auth.bad-signature:token-taken',
    probe: (mock) => tokenReusedAfterRefusal(mock, 'taken-by-a-bad-signature', { secretKey: 'wrong' }),
    healthy: [
      [401, 'SignatureDoesNotMatch'],
      [200, null],
    ],
    broken: [
      [401, 'SignatureDoesNotMatch'],
      [400, 'IdempotentParameterMismatch'],
    ],
  },
  {
    fault: 'ecs.auth.required:token-taken',
    probe: (mock) => tokenReusedAfterRefusal(mock, 'taken-unsigned', { unsigned: true }),
    healthy: [
      [401, 'MissingAuthenticationToken'],
      [200, null],
    ],
    broken: [
      [401, 'MissingAuthenticationToken'],
      [400, 'IdempotentParameterMismatch'],
    ],
  },
  {
    fault: 'ecs.auth.bad-signature:any-region',
    probe: async (mock) => {
      const answer = await volcengine(mock.url, attachQuery({ ids: ['i-running-000'], name: 'ssh_key_pair' }), { region: 'cn-shanghai' });
      return [...errorCodeOf(answer), answer.body.ResponseMetadata.Region];
    },
    healthy: [401, 'SignatureDoesNotMatch', 'cn-beijing'],
    broken: [200, null, 'cn-shanghai'],
  },
  {
    fault: 'ecs.attach-key-pair.client-token-format:off-by-one',
    probe: async (mock) => [
      errorCodeOf(await volcengine(mock.url, attachQuery({ ids: ['i-running-000'], name: 'ssh_key_pair', token: 'a'.repeat(65) }))),
      errorCodeOf(await volcengine(mock.url, attachQuery({ ids: ['i-running-000'], name: 'ssh_key_pair', token: 'b'.repeat(66) }))),
    ],
    healthy: [
      [400, 'InvalidClientToken.Malformed'],
      [400, 'InvalidClientToken.Malformed'],
    ],
    broken: [
      [200, null],
      [400, 'InvalidClientToken.Malformed'],
    ],
  },
  {
    fault: 'ecs.attach-key-pair.max-100:off-by-one',
    probe: async (mock) => [
      errorCodeOf(await volcengine(mock.url, attachQuery({ ids: ids(101), name: 'ssh_key_pair' }))),
      errorCodeOf(await volcengine(mock.url, attachQuery({ ids: ids(102), name: 'ssh_key_pair' }))),
    ],
    healthy: [
      [400, 'LimitExceeded.MaximumInstanceIds'],
      [400, 'LimitExceeded.MaximumInstanceIds'],
    ],
    broken: [
      [200, null],
      [400, 'LimitExceeded.MaximumInstanceIds'],
    ],
  },
  {
    fault: 'ecs.attach-key-pair.instance-not-found:whole-404',
    probe: async (mock) => {
      const answer = await volcengine(mock.url, attachQuery({ ids: ['i-running-000', 'i-unknown0000000000'], name: 'ssh_key_pair' }));
      return [...errorCodeOf(answer), answer.body.Result?.OperationDetails?.[1]?.Error?.Code ?? null];
    },
    healthy: [200, null, 'InvalidInstance.NotFound'],
    broken: [404, 'InvalidInstance.NotFound', null],
  },
  {
    fault: 'ecs.attach-key-pair.idempotent-replay:answers-mismatch',
    probe: async (mock) => {
      const query = attachQuery({ ids: ['i-running-001'], name: 'ssh_key_pair', token: 'replayed-token' });
      return [errorCodeOf(await volcengine(mock.url, query)), errorCodeOf(await volcengine(mock.url, query))];
    },
    healthy: [
      [200, null],
      [200, null],
    ],
    broken: [
      [200, null],
      [400, 'IdempotentParameterMismatch'],
    ],
  },
  {
    fault: 'ecs.attach-key-pair.idempotent-mismatch:409',
    probe: async (mock) => {
      await volcengine(mock.url, attachQuery({ ids: ['i-running-002'], name: 'ssh_key_pair', token: 'mismatched-token' }));
      return errorCodeOf(await volcengine(mock.url, attachQuery({ ids: ['i-running-003'], name: 'ssh_key_pair', token: 'mismatched-token' })));
    },
    healthy: [400, 'IdempotentParameterMismatch'],
    broken: [409, 'IdempotentParameterMismatch'],
  },
  {
    fault: 'kps.batch-associate.max-10:off-by-one',
    probe: async (mock) => [
      (await huawei(mock.url, 'POST', BATCH, entries(FIX.running.slice(10, 21)))).status,
      (await huawei(mock.url, 'POST', BATCH, entries(FIX.running.slice(30, 42)))).status,
    ],
    healthy: [400, 400],
    broken: [202, 400],
  },
  {
    fault: 'ecs.envelope:wrong-defaults',
    probe: async (mock) => (await volcengine(mock.url, 'Action=AttachKeyPair&KeyPairName=ssh_key_pair')).body.ResponseMetadata.Version ?? null,
    healthy: null,
    broken: '2019-01-01',
  },
  {
    fault: 'kps.error-shape:nested-wrong',
    probe: async (mock) => (await huawei(mock.url, 'POST', ASSOCIATE, { server: { id: FIX.running[3]! } })).body,
    healthy: { error_code: 'KPS.0002', error_msg: expect.any(String) },
    broken: { error: { error_code: 'KPS.0002' } },
  },
];

test('every variant fault has a row, names a faultable rule and starts with it', () => {
  expect(rows.map((r) => r.fault).sort()).toEqual(Object.keys(VARIANT_FAULTS).sort());
  for (const [id, spec] of Object.entries(VARIANT_FAULTS)) {
    expect(id.startsWith(`${spec.rule}:`), id).toBe(true);
    expect(FAULTABLE_RULES).toContain(spec.rule);
    for (const other of 'alsoBreaks' in spec ? spec.alsoBreaks : []) expect(FAULTABLE_RULES, `${id} alsoBreaks ${other}`).toContain(other);
  }
  expect(ALL_FAULTS).toEqual([...FAULTABLE_RULES, ...Object.keys(VARIANT_FAULTS)]);
});

for (const row of rows) {
  test(`--fault ${row.fault} changes the answer from ${JSON.stringify(row.healthy)} to ${JSON.stringify(row.broken)}`, async () => {
    // Arrange
    const healthy = await startMock();
    const broken = await startMock({ faults: [row.fault] });
    try {
      // Act & Assert
      expect(await row.probe(healthy)).toEqual(row.healthy);
      expect(await row.probe(broken)).toEqual(row.broken);
    } finally {
      await Promise.all([healthy.close(), broken.close()]);
    }
  });
}

test('kps.error-shape:nested-wrong breaks the nested reading too', async () => {
  const mock = await startMock({ faults: ['kps.error-shape:nested-wrong'], readings: { kpsErrorForm: 'nested' } });
  try {
    const answer = await huawei(mock.url, 'POST', ASSOCIATE, {}, { auth: 'none' });
    expect(answer.body).toEqual({ error: { error_code: 'APIGW.0301', request_id: expect.any(String) } });
  } finally {
    await mock.close();
  }
});

test('a fault id the mock does not know is refused with the fix', () => {
  const cases = [
    [
      'kps.auth.required:never',
      'startMock: fault "kps.auth.required:never" is not a variant of kps.auth.required (its variants: kps.auth.required:carried-out).',
    ],
    [
      'kps.associate.port-range:wide',
      'startMock: fault "kps.associate.port-range:wide" is not a variant of kps.associate.port-range (it has none; use kps.associate.port-range alone).',
    ],
    [
      'client.signature',
      'startMock: fault "client.signature" names a client rule, which a server cannot break. Run npx conformance mock --faults for the list.',
    ],
    [
      'kps.nothing',
      'startMock: fault "kps.nothing" is not a rule id of docs/RULES.md nor a RULE-ID:NAME variant. Run npx conformance mock --faults for the list.',
    ],
  ] as const;
  for (const [fault, message] of cases) expect(() => resolveMockOptions({ faults: [fault as never] }), fault).toThrow(message);
});
