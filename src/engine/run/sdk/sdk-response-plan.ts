import { listErrorCodes } from '../../../spec/error-codes.ts';
import type { Case } from '../../cases/case.ts';
import type { ScriptedAnswer } from '../../cases/client-plan.ts';
import type { EngineContext } from '../engine-context.ts';

import { recordClientJudgements } from './record-client-judgements.ts';

/** One documented answer served to the client by script. */
export interface ScriptedCase {
  readonly what: string;
  readonly c: Case;
  readonly answer: ScriptedAnswer;
}

/**
 * In SDK mode, serves the client every documented answer (success variants, per-entry failures, each
 * catalogued error code with its status, the nested KPS error body, CodeN) and judges the client rules on
 * each call: above all `client.surfaces-outcome`, that the outcome handed back keeps what the answer said.
 */
export async function runSdkResponsePlan(ctx: EngineContext, cases: readonly ScriptedCase[]): Promise<void> {
  const sdk = ctx.sdk!;
  for (const s of cases) {
    if (!sdk.canSend(s.c)) continue;
    const c = { ...s.c, clientPlan: { kind: 'script' as const, answer: s.answer } };
    recordClientJudgements(ctx, c, await sdk.sendPlanned(c), { seed: ctx.settings.seed, shrunk: false });
  }
}

/** Every documented KPS answer: the cloud registry names it as Huawei's. */
export function huaweiResponseCases(ctx: EngineContext): ScriptedCase[] {
  const hw = ctx.target.huaweicloud!;
  const server = hw.fixtures.servers.bound[0] ?? hw.fixtures.servers.running[0] ?? 'server';
  const keypair = hw.fixtures.keypairs[0]!;
  const entry = { keypair_name: keypair, server: { id: server } };
  const make = (operation: 'kps.associate' | 'kps.batch-associate', what: string): Case => ({
    id: `${operation}/sdk-response/${what}`,
    title: `the SDK keeps ${what}`,
    source: 'model',
    operation,
    request: { body: operation === 'kps.associate' ? entry : { batch_keypairs: [entry, { ...entry, server: { id: `${server}-b` } }] } },
    expect: { kind: 'any', rules: [] },
  });
  const cases: ScriptedCase[] = [];
  for (const status of [202, 200]) {
    const single = { task_id: 'scripted-task', server_id: server, status: 'SUCCESS' };
    cases.push({ what: `a ${status} bind`, c: make('kps.associate', `a ${status} bind`), answer: { status, body: single } });
    for (const failed of ['FAILED', 'Failed']) {
      const tasks = [{ server_id: server, task_id: 'scripted-task', status: 'SUCCESS' }, { server_id: `${server}-b`, status: failed, error_code: 'KPS.0002', error_msg: 'parameter error' }];
      const what = `a ${status} batch with a ${failed} task`;
      cases.push({
        what,
        c: make('kps.batch-associate', what),
        answer: { status, body: { tasks } },
      });
    }
  }
  const failedBody = { server_id: server, status: 'FAILED', error_code: 'KPS.0002', error_msg: 'parameter error' };
  cases.push({ what: 'a FAILED bind', c: make('kps.associate', 'a FAILED bind'), answer: { status: 202, body: failedBody } });
  for (const e of listErrorCodes('huaweicloud-kps')) {
    const what = `${e.status} ${e.code}`;
    const body = { error_code: e.code, error_msg: e.message ?? e.meaning };
    cases.push({
      what,
      c: make('kps.associate', what),
      answer: { status: e.status!, body },
    });
  }
  const nested = { error: { error_code: 'KPS.0002', error_msg: 'parameter error' } };
  cases.push({ what: 'the nested KPS error body', c: make('kps.associate', 'the nested KPS error body'), answer: { status: 400, body: nested } });
  return cases;
}

/** Every documented AttachKeyPair answer: the cloud registry names it as Volcengine's. */
export function volcengineResponseCases(ctx: EngineContext): ScriptedCase[] {
  const v = ctx.target.volcengine!;
  const ids = [v.fixtures.instances.running[0] ?? 'i-a', 'i-unknown-scripted'];
  const c = (what: string): Case => ({ id: `ecs.attach-key-pair/sdk-response/${what}`, title: `the SDK keeps ${what}`, source: 'model', operation: 'ecs.attach-key-pair', request: { logical: { InstanceIds: ids, KeyPairName: v.fixtures.keyPairs[0]?.name ?? 'k' } }, expect: { kind: 'any', rules: [] } });
  const meta = { RequestId: 'scripted-request', Action: 'AttachKeyPair', Version: '2020-04-01', Service: 'ecs', Region: v.region };
  const details = [{ InstanceId: ids[0], Error: null }, { InstanceId: ids[1], Error: { Code: 'InvalidInstance.NotFound', Message: 'The specified instance does not exist.' } }];
  const cases: ScriptedCase[] = [{
    what: 'a 200 with a per-instance error',
    c: c('a 200 with a per-instance error'),
    answer: { status: 200, body: { ResponseMetadata: meta, Result: { OperationDetails: details } } },
  }];
  for (const e of listErrorCodes('volcengine-ecs').filter((x) => x.scope !== 'instance' && x.status !== undefined)) {
    const what = `${e.status} ${e.code}`;
    const error = { Code: e.code, Message: e.message ?? e.meaning, ...(e.code === 'MissingParameter' ? { CodeN: 100002 } : {}) };
    cases.push({
      what,
      c: c(what),
      answer: { status: e.status!, body: { ResponseMetadata: { ...meta, Error: error } } },
    });
  }
  return cases;
}
