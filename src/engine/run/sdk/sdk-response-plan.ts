import { isDeepStrictEqual } from 'node:util';
import type { RuleId } from '../../../rules/rules.ts';
import { listErrorCodes } from '../../../spec/error-codes.ts';
import type { Case } from '../../cases/case.ts';
import { ContractFailure } from '../../checks/contract-failure.ts';
import type { SdkOutcome } from '../../../sdk/sdk-adapter.ts';
import type { ScriptedAnswer } from '../../transport/sdk-transport.ts';
import type { EngineContext } from '../engine-context.ts';
import type { Cloud } from '../run-cloud.ts';

/** One documented answer served to the SDK, and what its outcome must show, under which rule. */
interface ScriptedCase {
  readonly what: string;
  readonly c: Case;
  readonly answer: ScriptedAnswer;
  readonly expectations: readonly { rule: RuleId; holds: (o: SdkOutcome) => boolean; documented: string; variant?: string }[];
}

/**
 * In SDK mode, serves the SDK every documented answer (success variants, per-entry failures, each
 * catalogued error code with its status, the nested KPS error body, CodeN) and checks the SDK's outcome
 * keeps what the answer said: the entries, the code, the status. Failures count against the rules whose
 * answers they lose.
 */
export async function runSdkResponsePlan(ctx: EngineContext, cloud: Cloud): Promise<void> {
  const sdk = ctx.sdk!;
  for (const s of cloud === 'huaweicloud' ? huaweiCases(ctx) : volcengineCases(ctx)) {
    if (!sdk.canSend(s.c)) continue;
    const { outcome, sent } = await sdk.sendScripted(s.c, s.answer);
    if (!sent) continue;
    for (const e of s.expectations) {
      if (e.holds(outcome)) ctx.tally.judged(e.rule, e.variant ? { variant: e.variant } : 'held');
      else {
        const exchange = { request: { method: 'SDK', url: s.what, headers: {} }, response: { status: s.answer.status, headers: {}, text: JSON.stringify(s.answer.body), json: s.answer.body }, throttled: [], ms: 0 };
        ctx.tally.failed(new ContractFailure(e.rule, `The SDK lost what ${s.what} said`, `outcome ${JSON.stringify(outcome).slice(0, 300)}`, e.documented), s.c, exchange, { seed: ctx.settings.seed, shrunk: false });
      }
    }
  }
}

const same = (a: unknown, b: unknown) => isDeepStrictEqual(JSON.parse(JSON.stringify(a ?? null)), JSON.parse(JSON.stringify(b ?? null)));
const errorOf = (code: string, status: number | undefined) => (o: SdkOutcome) => !o.ok && o.code === code && (status === undefined || o.status === undefined || o.status === status);

function huaweiCases(ctx: EngineContext): ScriptedCase[] {
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
    cases.push({ what: `a ${status} bind`, c: make('kps.associate', `a ${status} bind`), answer: { status, body: single }, expectations: [{ rule: 'kps.associate.success-status', holds: (o) => o.ok, documented: `a ${status} success surfaced as success`, variant: String(status) }] });
    for (const failed of ['FAILED', 'Failed']) {
      const tasks = [{ server_id: server, task_id: 'scripted-task', status: 'SUCCESS' }, { server_id: `${server}-b`, status: failed, error_code: 'KPS.0002', error_msg: 'parameter error' }];
      const what = `a ${status} batch with a ${failed} task`;
      cases.push({
        what,
        c: make('kps.batch-associate', what),
        answer: { status, body: { tasks } },
        expectations: [
          { rule: 'kps.batch-associate.success-status', holds: (o) => o.ok, documented: `a ${status} success surfaced as success`, variant: String(status) },
          { rule: 'kps.batch-associate.one-task-per-server', holds: (o) => o.ok && same((o.data as any)?.tasks, tasks), documented: 'every task, in order, as served' },
          { rule: 'kps.batch-associate.status-enum', holds: (o) => o.ok && (o.data as any)?.tasks?.[1]?.status === failed, documented: `the task status ${failed} as served`, variant: failed },
        ],
      });
    }
  }
  const failedBody = { server_id: server, status: 'FAILED', error_code: 'KPS.0002', error_msg: 'parameter error' };
  cases.push({ what: 'a FAILED bind', c: make('kps.associate', 'a FAILED bind'), answer: { status: 202, body: failedBody }, expectations: [{ rule: 'kps.associate.failed-has-error', holds: (o) => o.ok && same(o.data, failedBody), documented: 'status FAILED with error_code and error_msg, as served' }] });
  for (const e of listErrorCodes('huaweicloud-kps')) {
    const what = `${e.status} ${e.code}`;
    const body = { error_code: e.code, error_msg: e.message ?? e.meaning };
    cases.push({
      what,
      c: make('kps.associate', what),
      answer: { status: e.status!, body },
      expectations: [
        { rule: 'kps.error-code-documented', holds: errorOf(e.code, undefined), documented: `an error with code ${e.code}` },
        { rule: 'kps.associate.status-documented', holds: (o) => !o.ok && o.status === e.status, documented: `an error with status ${e.status}` },
      ],
    });
  }
  const nested = { error: { error_code: 'KPS.0002', error_msg: 'parameter error' } };
  cases.push({ what: 'the nested KPS error body', c: make('kps.associate', 'the nested KPS error body'), answer: { status: 400, body: nested }, expectations: [{ rule: 'kps.error-shape', holds: errorOf('KPS.0002', 400), documented: 'code KPS.0002 from the nested error body' }] });
  return cases;
}

function volcengineCases(ctx: EngineContext): ScriptedCase[] {
  const v = ctx.target.volcengine!;
  const ids = [v.fixtures.instances.running[0] ?? 'i-a', 'i-unknown-scripted'];
  const c = (what: string): Case => ({ id: `ecs.attach-key-pair/sdk-response/${what}`, title: `the SDK keeps ${what}`, source: 'model', operation: 'ecs.attach-key-pair', request: { logical: { InstanceIds: ids, KeyPairName: v.fixtures.keyPairs[0]?.name ?? 'k' } }, expect: { kind: 'any', rules: [] } });
  const meta = { RequestId: 'scripted-request', Action: 'AttachKeyPair', Version: '2020-04-01', Service: 'ecs', Region: v.region };
  const details = [{ InstanceId: ids[0], Error: null }, { InstanceId: ids[1], Error: { Code: 'InvalidInstance.NotFound', Message: 'The specified instance does not exist.' } }];
  const cases: ScriptedCase[] = [{
    what: 'a 200 with a per-instance error',
    c: c('a 200 with a per-instance error'),
    answer: { status: 200, body: { ResponseMetadata: meta, Result: { OperationDetails: details } } },
    expectations: [
      { rule: 'ecs.attach-key-pair.one-detail-per-instance', holds: (o) => o.ok && (o.data as any)?.OperationDetails?.length === details.length, documented: 'every OperationDetails entry, as served' },
      { rule: 'ecs.attach-key-pair.detail-shape', holds: (o) => o.ok && same((o.data as any)?.OperationDetails, details), documented: 'each entry\'s Error (null or {Code, Message}) as served' },
    ],
  }];
  for (const e of listErrorCodes('volcengine-ecs').filter((x) => x.scope !== 'instance' && x.status !== undefined)) {
    const what = `${e.status} ${e.code}`;
    const error = { Code: e.code, Message: e.message ?? e.meaning, ...(e.code === 'MissingParameter' ? { CodeN: 100002 } : {}) };
    cases.push({
      what,
      c: c(what),
      answer: { status: e.status!, body: { ResponseMetadata: { ...meta, Error: error } } },
      expectations: [
        { rule: 'ecs.attach-key-pair.error-code-documented', holds: errorOf(e.code, undefined), documented: `an error with code ${e.code}` },
        { rule: 'ecs.envelope', holds: (o) => !o.ok && o.message === error.Message, documented: 'the error\'s Message, as served' },
      ],
    });
  }
  return cases;
}
