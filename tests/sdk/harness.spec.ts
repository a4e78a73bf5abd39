import { test, expect } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { adapterClientOf } from '../../src/engine/transport/clients/adapter-client.ts';
import { startMock, type RunningMock } from '../../src/mock/index.ts';
import correctNodeClient from './_fixtures/correct-node-client.adapter.ts';
import { breaks, clientRun, harness } from './_helpers/client-run.ts';

// The release gate for any client in any language (issue 12): a correct client passes, through the
// harness protocol and in process, and each single-defect copy of the Python harness fails the rule its
// first line names. Everything runs against the reference mock, in process, with few runs per property:
// the client rules are decided by fixed cases (scripted answers, fault schedules), not by chance.

const PYTHON = 'python3 examples/python-harness/harness.py';
const NODE_BRIDGE = 'node --import tsx examples/node-harness/harness.ts';
const DEFECTS = 'tests/sdk/_fixtures/python-defects';

/** Rules no client can decide against the mock: unsigned, stale or raw requests, another Version, throttling. */
const UNREACHABLE = [
  'kps.auth.required',
  'kps.associate.malformed-json',
  'ecs.auth.required',
  'kps.auth.stale-date',
  'ecs.auth.stale-date',
  'ecs.version',
  'ecs.attach-key-pair.flow-limit',
];

let mock: RunningMock;
test.beforeEach(async () => {
  mock = await startMock({ taskDelayMs: 5 });
});
test.afterEach(async () => mock.close());

test('the Python harness (standard library, its own signer, its own JSON bytes) passes every rule a client can decide', async () => {
  const { failed, skipped, verdicts } = await clientRun(mock, harness(mock, PYTHON));
  expect(failed).toEqual([]);
  expect([...skipped].sort()).toEqual([...UNREACHABLE].sort());
  // Every client rule was decided, and the retries were seen: resent with the same token, a bind only after a 429.
  for (const rule of ['client.signature', 'client.project-id', 'client.surfaces-outcome', 'client.retry-safe', 'client.no-secrets-in-output'])
    expect(verdicts.find((v) => v.rule === rule)?.status, rule).toBe('pass');
  expect(Object.keys(verdicts.find((v) => v.rule === 'client.retry-safe')!.variants ?? {})).toEqual(
    expect.arrayContaining(['resent with the same ClientToken', 'resent after a 429']),
  );
});

test('a correct Node client passes the same way in process (--adapter) and through the harness protocol', async () => {
  const inProcess = await clientRun(mock, async () => adapterClientOf(correctNodeClient));
  // A fresh mock: the first run bound servers the second would otherwise find bound.
  const second = await startMock({ taskDelayMs: 5 });
  const bridged = await clientRun(second, harness(second, `${NODE_BRIDGE} tests/sdk/_fixtures/correct-node-client.adapter.ts`)).finally(() => second.close());
  expect(inProcess.failed).toEqual([]);
  expect(bridged.failed).toEqual([]);
  const statuses = (r: typeof inProcess) => Object.fromEntries(r.verdicts.map((v) => [v.rule, v.status]));
  expect(statuses(bridged)).toEqual(statuses(inProcess));
});

for (const file of readdirSync(DEFECTS).filter((f) => f.endsWith('.py'))) {
  const source = readFileSync(join(DEFECTS, file), 'utf8');
  const rule = breaks(source);
  // The cloud whose calls show the defect (a defect of both clouds shows on either).
  const cloud = /^# run on: (huaweicloud|volcengine)$/m.exec(source)?.[1] as 'huaweicloud' | 'volcengine';
  test(`the Python harness with one defect (${file}) fails ${rule}`, async () => {
    expect(rule, `${file} names the rule it breaks`).not.toBe('');
    expect(cloud, `${file} names the cloud to run it on`).toBeDefined();
    const { failed, output } = await clientRun(mock, harness(mock, `python3 ${join(DEFECTS, file)}`), { clouds: [cloud], runs: 5 });
    expect(failed).toContain(rule);
    // Whatever the client printed reaches us redacted: the mock's secret keys never appear.
    const { huawei, volcengine } = mock.options.credentials;
    for (const secret of [huawei.secretKey, volcengine.secretKey]) expect(output).not.toContain(secret);
  });
}
