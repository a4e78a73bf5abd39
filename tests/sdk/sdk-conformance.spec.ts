import { test, expect } from '@playwright/test';
import { startMock, type RunningMock } from '../../src/mock/index.ts';
import type { Cloud } from '../../src/families/api-families.ts';
import { runCloud } from '../../src/engine/run/run-cloud.ts';
import huaweiSdk from '../../src/sdk/adapters/huaweicloud-sdk-core.ts';
import volcengineSdk from '../../src/sdk/adapters/volcengine-openapi.ts';
import type { SdkAdapter } from '../../src/sdk/sdk-adapter.ts';
import { adapterClientOf } from '../../src/engine/transport/clients/adapter-client.ts';
import { mockTarget } from '../_helpers/mock-target.ts';
import { dropsSecondInstanceId, keepsFirstTaskOnly, swallowsErrorCodes } from './_helpers/broken-adapters.ts';

// SDK conformance (issues 6, 12): the SDK is pointed at the loopback wire, which forwards its bytes to the reference mock;
// the checks judge the SDK's requests and what the SDK makes of the answers. The shipped adapters' results
// are expectations here, so a change in either SDK shows (docs/sdk-results.md).

test.describe.configure({ mode: 'serial' });
let mock: RunningMock;
test.beforeEach(async () => {
  mock = await startMock({ taskDelayMs: 10 });
});
test.afterEach(async () => mock.close());

async function sdkRun(cloud: Cloud, adapter: SdkAdapter) {
  const target = mockTarget(mock, (t) => (t.huaweicloud.taskPoll = { firstMs: 5, maxIntervalMs: 50 }));
  const client = adapterClientOf(adapter);
  const { verdicts } = await runCloud(cloud, target, { seed: 3, runs: 20, restore: false, client }).finally(() => client.close());
  return {
    verdicts,
    failed: verdicts.filter((v) => v.status === 'fail').map((v) => v.rule),
    skipped: verdicts.filter((v) => v.status === 'skipped').map((v) => v.rule),
  };
}

test('@volcengine/openapi conforms on everything an SDK can send but for the HTTP status of errors, which it does not hand back', async () => {
  const { failed, skipped, verdicts } = await sdkRun('volcengine', volcengineSdk);
  // A finding (docs/sdk-results.md): axios validateStatus null, and the status goes nowhere.
  expect(failed).toEqual(['client.surfaces-outcome']);
  expect(verdicts.find((v) => v.rule === 'client.surfaces-outcome')!.failures[0]!.received).toMatch(/lost the status \d+ \(got none\)/);
  // unsigned or stale-dated requests, another Version and throttling cannot come from the SDK, or did not
  // happen (as kps.auth.stale-date below: the SDK signs with its own clock); X-Project-Id is Huawei's
  expect(skipped).toEqual(['ecs.auth.required', 'ecs.auth.stale-date', 'ecs.version', 'ecs.attach-key-pair.flow-limit', 'client.project-id']);
});

test('@huaweicloud/huaweicloud-sdk-core loses the nested error body, signs other bytes than it sends for a body that is not an object, and prints request signatures', async () => {
  const { failed, skipped, verdicts } = await sdkRun('huaweicloud', huaweiSdk);
  // Findings (docs/sdk-results.md): {"error": {"error_code", "error_msg"}} surfaces as no code at all; every
  // 4xx/5xx is logged with the whole request, Authorization header included.
  expect(failed).toEqual(['client.signature', 'client.surfaces-outcome', 'client.no-secrets-in-output']);
  // A JSON body that is not an object ("body", null, 42) is hashed as the SDK re-serialises it, not as sent.
  expect(new Set(verdicts.find((v) => v.rule === 'client.signature')!.failures.map((f) => f.case.id))).toEqual(
    new Set(['kps.associate/mutation/body-not-object']),
  );
  expect(verdicts.find((v) => v.rule === 'client.surfaces-outcome')!.failures.map((f) => f.case.id)).toEqual([
    'kps.associate/sdk-response/the nested KPS error body',
  ]);
  expect(skipped).toEqual(['kps.auth.required', 'kps.auth.stale-date', 'kps.associate.malformed-json']);
});

test('an SDK that drops InstanceIds.2 fails one-detail-per-instance', async () => {
  const { failed } = await sdkRun('volcengine', dropsSecondInstanceId);
  expect(failed).toContain('ecs.attach-key-pair.one-detail-per-instance');
});

test('an SDK that swallows error codes fails the rules that name them', async () => {
  const volc = await sdkRun('volcengine', swallowsErrorCodes);
  expect(volc.failed).toEqual(
    expect.arrayContaining(['ecs.envelope', 'ecs.attach-key-pair.keypair-not-found', 'ecs.attach-key-pair.instance-ids-required', 'ecs.auth.bad-signature']),
  );
  const hw = await sdkRun('huaweicloud', swallowsErrorCodes);
  expect(hw.failed).toEqual(expect.arrayContaining(['kps.error-shape', 'client.surfaces-outcome']));
});

test('an SDK that keeps only the first task of a batch fails one-task-per-server and client.surfaces-outcome', async () => {
  const { failed } = await sdkRun('huaweicloud', keepsFirstTaskOnly);
  expect(failed).toEqual(expect.arrayContaining(['kps.batch-associate.one-task-per-server', 'client.surfaces-outcome']));
});

test('an adapter with no function for a cloud skips that cloud, saying so', async () => {
  const target = mockTarget(mock);
  const client = adapterClientOf(volcengineSdk);
  const { verdicts } = await runCloud('huaweicloud', target, { seed: 1, runs: 5, restore: false, client });
  await client.close();
  expect(new Set(verdicts.map((v) => v.reason))).toEqual(new Set([`the client ${volcengineSdk.name} offers none of huaweicloud's operations`]));
});
