import { listErrorCodes } from '../../../spec/error-codes.ts';
import type { Case } from '../../cases/case.ts';
import type { EngineContext } from '../engine-context.ts';
import type { FaultedCall } from '../sdk/sdk-fault-plan.ts';
import type { ScriptedCase } from '../sdk/sdk-response-plan.ts';

// SDK mode, Huawei KPS: the documented answers a client is served by script (sdk/sdk-response-plan.ts) and
// the calls the fault schedules are played on (sdk/sdk-fault-plan.ts). The cloud registry names them.

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
      const tasks = [
        { server_id: server, task_id: 'scripted-task', status: 'SUCCESS' },
        { server_id: `${server}-b`, status: failed, error_code: 'KPS.0002', error_msg: 'parameter error' },
      ];
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

/** KPS's binds under fault schedules. */
export function huaweiFaultedCalls(ctx: EngineContext): FaultedCall[] {
  const hw = ctx.target.huaweicloud!;
  const server = hw.fixtures.servers.bound[0] ?? hw.fixtures.servers.running[0] ?? 'server';
  const entry = { keypair_name: hw.fixtures.keypairs[0]!, server: { id: server } };
  const base = { title: 'the client retries a bind only when it is safe', source: 'model' as const, expect: { kind: 'any' as const, rules: [] } };
  return [
    {
      c: { ...base, id: 'kps.associate/sdk-faults', operation: 'kps.associate', request: { body: entry } },
      then: { status: 202, body: { task_id: 'scripted-task' } },
    },
    {
      c: { ...base, id: 'kps.batch-associate/sdk-faults', operation: 'kps.batch-associate', request: { body: { batch_keypairs: [entry] } } },
      then: { status: 202, body: { tasks: [{ server_id: server, task_id: 'scripted-task' }] } },
    },
  ];
}
