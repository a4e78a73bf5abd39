import { listErrorCodes } from '../../../spec/error-codes.ts';
import type { Case } from '../../cases/case.ts';
import type { EngineContext } from '../engine-context.ts';
import type { FaultedCall } from '../sdk/sdk-fault-plan.ts';
import type { ScriptedCase } from '../sdk/sdk-response-plan.ts';

// SDK mode, Volcengine ECS: the documented answers a client is served by script (sdk/sdk-response-plan.ts) and
// the calls the fault schedules are played on (sdk/sdk-fault-plan.ts). The cloud registry names them.

/** Every documented AttachKeyPair answer: the cloud registry names it as Volcengine's. */
export function volcengineResponseCases(ctx: EngineContext): ScriptedCase[] {
  const v = ctx.target.volcengine!;
  const ids = [v.fixtures.instances.running[0] ?? 'i-a', 'i-unknown-scripted'];
  const c = (what: string): Case => ({
    id: `ecs.attach-key-pair/sdk-response/${what}`,
    title: `the SDK keeps ${what}`,
    source: 'model',
    operation: 'ecs.attach-key-pair',
    request: { logical: { InstanceIds: ids, KeyPairName: v.fixtures.keyPairs[0]?.name ?? 'k' } },
    expect: { kind: 'any', rules: [] },
  });
  const meta = { RequestId: 'scripted-request', Action: 'AttachKeyPair', Version: '2020-04-01', Service: 'ecs', Region: v.region };
  const details = [
    { InstanceId: ids[0], Error: null },
    { InstanceId: ids[1], Error: { Code: 'InvalidInstance.NotFound', Message: 'The specified instance does not exist.' } },
  ];
  const cases: ScriptedCase[] = [
    {
      what: 'a 200 with a per-instance error',
      c: c('a 200 with a per-instance error'),
      answer: { status: 200, body: { ResponseMetadata: meta, Result: { OperationDetails: details } } },
    },
  ];
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

/** AttachKeyPair under fault schedules. */
export function volcengineFaultedCalls(ctx: EngineContext): FaultedCall[] {
  const v = ctx.target.volcengine!;
  const id = v.fixtures.instances.running[0] ?? 'i-a';
  const c: Case = {
    id: 'ecs.attach-key-pair/sdk-faults',
    title: 'the client resends AttachKeyPair with its ClientToken',
    source: 'model',
    operation: 'ecs.attach-key-pair',
    request: { logical: { InstanceIds: [id], KeyPairName: v.fixtures.keyPairs[0]?.name ?? 'k', ClientToken: `retry-${ctx.unique()}` } },
    expect: { kind: 'any', rules: [] },
  };
  const then = {
    status: 200,
    body: {
      ResponseMetadata: { RequestId: 'scripted-request', Action: 'AttachKeyPair', Version: '2020-04-01', Service: 'ecs', Region: v.region },
      Result: { OperationDetails: [{ InstanceId: id, Error: null }] },
    },
  };
  return [{ c, then }];
}
