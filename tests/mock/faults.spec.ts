import { test, expect } from '@playwright/test';
import { FAULTS, FAULTABLE_RULES, startMock } from '../../src/mock/index.ts';
import { isClientRule, RULES } from '../../src/rules/rules.ts';
import { attachQuery, FIX, huawei, volcengine } from '../_helpers/mock-client.ts';

// --fault RULE-ID makes the mock break that rule. Every rule has a fault; a sample is shown here to
// change exactly the answer its rule judges. The suite's own self-test (issue 4) runs every fault.

test('every server rule id of RULES.md has a fault, and every fault is a rule id', () => {
  expect([...FAULTABLE_RULES].sort()).toEqual(
    RULES.map((r) => r.id)
      .filter((id) => !isClientRule(id))
      .sort(),
  );
  for (const [rule, spec] of Object.entries(FAULTS)) {
    expect(spec.effect.length, rule).toBeGreaterThan(10);
    for (const other of spec.alsoBreaks ?? []) expect(FAULTABLE_RULES, `${rule} alsoBreaks ${other}`).toContain(other);
  }
});

const samples: { rule: keyof typeof FAULTS; probe: (url: string) => Promise<unknown>; healthy: unknown; broken: unknown }[] = [
  {
    rule: 'kps.batch-associate.max-10',
    probe: async (url) =>
      (
        await huawei(url, 'POST', '/v3/{project}/keypairs/batch-associate', {
          batch_keypairs: FIX.running.slice(0, 11).map((id) => ({ keypair_name: 'kp-alpha', server: { id } })),
        })
      ).status,
    healthy: 400,
    broken: 202,
  },
  {
    rule: 'kps.associate.auth-type-enum',
    probe: async (url) =>
      (await huawei(url, 'POST', '/v3/{project}/keypairs/associate', { keypair_name: 'kp-alpha', server: { id: FIX.running[30]!, auth: { type: 'foo' } } }))
        .status,
    healthy: 400,
    broken: 202,
  },
  {
    rule: 'kps.auth.required',
    probe: async (url) =>
      (await huawei(url, 'POST', '/v3/{project}/keypairs/associate', { keypair_name: 'kp-alpha', server: { id: FIX.running[31]! } }, { auth: 'none' })).status,
    healthy: 401,
    broken: 202,
  },
  {
    rule: 'kps.batch-associate.status-enum',
    probe: async (url) =>
      (await huawei(url, 'POST', '/v3/{project}/keypairs/batch-associate', { batch_keypairs: [{ keypair_name: 'kp-alpha', server: { id: FIX.stopped[1]! } }] }))
        .body.tasks[0].status,
    healthy: 'FAILED',
    broken: 'Fail',
  },
  {
    rule: 'ecs.attach-key-pair.windows',
    probe: async (url) =>
      (await volcengine(url, attachQuery({ ids: [FIX.instances('windows')[1]!], name: 'ssh_key_pair' }))).body.Result.OperationDetails[0].Error?.Code ?? null,
    healthy: 'InvalidKeyPairForWindows.Unsupported',
    broken: null,
  },
  {
    rule: 'ecs.attach-key-pair.keypair-id-wins',
    probe: async (url) => (await volcengine(url, attachQuery({ ids: [FIX.instances('running')[1]!], name: 'ssh_key_pair', id: 'kp-unknown' }))).status,
    healthy: 404,
    broken: 200,
  },
  {
    rule: 'ecs.auth.stale-date',
    probe: async (url) =>
      (await volcengine(url, attachQuery({ ids: ['i-running-000'], name: 'ssh_key_pair' }), { date: new Date(Date.now() - 20 * 60_000) })).status,
    healthy: 400,
    broken: 200,
  },
  {
    rule: 'ecs.auth.unknown-access-key',
    probe: async (url) =>
      (await volcengine(url, attachQuery({ ids: ['i-running-000'], name: 'ssh_key_pair' }), { accessKey: 'AKLTnobody' })).body.ResponseMetadata.Error.Code,
    healthy: 'InvalidAccessKey',
    broken: 'SignatureDoesNotMatch',
  },
];

for (const sample of samples) {
  test(`--fault ${sample.rule} changes the answer from ${JSON.stringify(sample.healthy)} to ${JSON.stringify(sample.broken)}`, async () => {
    // Arrange
    const healthy = await startMock();
    const broken = await startMock({ faults: [sample.rule] });
    try {
      // Act & Assert
      expect(await sample.probe(healthy.url)).toEqual(sample.healthy);
      expect(await sample.probe(broken.url)).toEqual(sample.broken);
    } finally {
      await Promise.all([healthy.close(), broken.close()]);
    }
  });
}
