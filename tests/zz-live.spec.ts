import { test } from '@playwright/test';
import { startMock, fixturesFromTarget } from '../src/mock/index.ts';
import { resolveTarget, targetDocument } from './engine/trust/_helpers/target-files.ts';
import { runCloud } from '../src/engine/run/run-cloud.ts';
test('live', async () => {
  test.setTimeout(300_000);
  const base = targetDocument('http://x');
  const hw = base.huaweicloud.fixtures, vo = base.volcengine.fixtures;
  hw.keypairs = hw.keypairs.slice(0, 2);
  hw.originalKeypairs = { [hw.servers.bound[0]]: hw.keypairs[0] };
  hw.servers = { running: hw.servers.running.slice(0, 2), bound: hw.servers.bound.slice(0, 1), stopped: hw.servers.stopped.slice(0, 1) };
  for (const k of Object.keys(vo.instances)) vo.instances[k] = vo.instances[k].slice(0, 1);
  vo.keyPairs = vo.keyPairs.slice(0, 2);
  vo.originalKeyPairs = { [vo.instances.running[0]]: vo.keyPairs[0].name, [vo.instances.stopped[0]]: vo.keyPairs[0].name };
  const fixtures = fixturesFromTarget(base);
  const mock = await startMock({ port: 0, taskDelayMs: Number(process.env.DELAY ?? 2000), fixtures, faults: process.env.FAULT ? [process.env.FAULT as any] : [] });
  const doc = targetDocument(mock.url, (d) => { d.huaweicloud.taskTimeoutMs = 60000; d.huaweicloud.taskPoll = { firstMs: 500, maxIntervalMs: 1000 }; d.safety.maxRequests = 400; d.safety.allowMutations = process.env.NOMUT ? false : true; }, fixtures);
  doc.huaweicloud.fixtures.originalKeypairs = hw.originalKeypairs; doc.volcengine.fixtures.originalKeyPairs = vo.originalKeyPairs;
  const target = resolveTarget(doc);
  for (const cloud of (process.env.CLOUD ?? 'huaweicloud,volcengine').split(',')) {
    const counts = new Map<string, number>();
    const t0 = Date.now();
    const before = JSON.stringify(mock.snapshot());
    const { verdicts, requests, restore } = await runCloud(cloud as any, target, { restore: true, seed: Number(process.env.SEED ?? 7), runs: 100, strict: true, observe: (c, x) => { const k = c.id.replace(/\/[0-9a-f-]{36}$/, '') + ' ' + (x.response?.status ?? x.error); counts.set(k, (counts.get(k) ?? 0) + 1); } });
    if (process.env.VERBOSE) console.log([...counts].map(([k, v]) => `${v} ${k}`).join('\n'));
    console.log(cloud, 'requests', requests, 'ms', Date.now() - t0, 'restored', restore.filter(r => r.restored).length, '/', restore.length, 'snapshot same', before === JSON.stringify(mock.snapshot()));
    for (const r of restore.filter(r => !r.restored)) console.log('NOT RESTORED', r.resource, r.detail);
    console.log(verdicts.filter(v => v.status !== 'pass').map(v => `${v.rule} ${v.status} ${v.reason ?? v.failures[0]?.title + ': ' + v.failures[0]?.received.slice(0, 200)}`).join('\n'));
  }
  await mock.close();
});
