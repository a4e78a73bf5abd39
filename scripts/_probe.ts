import { startMock } from '/work/main/src/mock/index.ts';
import { runCloud } from '/work/main/src/engine/run/run-cloud.ts';
import huaweiSdk from '/work/main/src/sdk/adapters/huaweicloud-sdk-core.ts';
import volcengineSdk from '/work/main/src/sdk/adapters/volcengine-openapi.ts';
import { adapterClientOf } from '/work/main/src/engine/transport/clients/adapter-client.ts';
import { mockTarget } from '/work/main/tests/_helpers/mock-target.ts';
const mock = await startMock({ taskDelayMs: 10 });
for (const [cloud, a] of [['huaweicloud', huaweiSdk]] as const) {
  const target = mockTarget(mock, (t: any) => (t.huaweicloud.taskPoll = { firstMs: 5, maxIntervalMs: 50 }));
  const client = adapterClientOf(a);
  const t0 = Date.now();
  const { verdicts, requests } = await runCloud(cloud, target, { seed: 3, runs: 20, strict: true, restore: false, client });
  await client.close();
  console.log(cloud, Date.now() - t0, 'ms', requests, 'requests');
  for (const v of verdicts) if (v.status !== 'pass') console.log(' ', v.status, v.rule, v.reason ?? '', v.failures.slice(0, 2).map((f) => `${f.case.id}: ${f.title} | ${f.received}`).join(' || '));
  for (const v of verdicts) if (v.rule.startsWith('client.')) console.log('  ', v.rule, v.status, v.casesRun, JSON.stringify(v.variants ?? {}));
}
await mock.close();
