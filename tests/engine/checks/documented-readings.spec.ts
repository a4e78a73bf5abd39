import { test, expect } from '@playwright/test';
import type { RuleId } from '../../../src/rules/rules.ts';
import type { Case, ServerKnowledge } from '../../../src/engine/cases/case.ts';
import {
  aCase,
  BOUND,
  ecsCase,
  ecsSuccess,
  envelopeError,
  exchange,
  judge,
  KEYPAIR,
  minimal,
  RUNNING,
  STOPPED,
  volc,
  type Outcome,
  type Reply,
} from './_helpers/judge.ts';

// Every reading a conformant target may show, as the documents leave room for it, holds the rule that
// reads it, and the rule records which reading it was (RULES.md: "accepts each documented variant and
// reports which one the target showed").

const associate = (server = RUNNING[0]!, extra: Partial<Case['expect']> = {}, request: Partial<Case['request']> = {}) =>
  aCase('kps.associate', { body: { keypair_name: KEYPAIR, server: { id: server } }, ...request }, extra);
const batch = (servers: readonly string[], knowledge: readonly ServerKnowledge[], rules: RuleId[] = []) =>
  aCase('kps.batch-associate', { body: { batch_keypairs: servers.map((id) => ({ keypair_name: KEYPAIR, server: { id } })) } }, { rules, servers: knowledge });
const task = () => aCase('kps.task', { taskId: 't-1' });
const noAction = () => ecsCase({ fixed: { Action: undefined } }, { rules: ['ecs.version'] });
const noActionNorVersion = () => ecsCase({ fixed: { Action: undefined, Version: undefined } }, { rules: ['ecs.version'] });

const flat = (code: string, msg = 'm') => ({ error_code: code, error_msg: msg });
const nested = (code: string, msg = 'm') => ({ error: { error_code: code, error_msg: msg } });
const APIGW_0301 = 'Incorrect IAM authentication information: verify aksk signature fail';
const fresh10 = RUNNING.slice(0, 10);
const mixed10 = [
  ...BOUND.slice(0, 3),
  ...STOPPED.slice(0, 3),
  ...RUNNING.slice(0, 2),
  '00000000-feed-4000-8000-000000000001',
  '00000000-feed-4000-8000-000000000002',
];
const mixedKnowledge: ServerKnowledge[] = ['bound', 'bound', 'bound', 'stopped', 'stopped', 'stopped', 'fresh', 'fresh', 'unknown-server', 'unknown-server'];
const tasks = (...t: object[]) => ({ tasks: t });

interface Reading {
  readonly name: string;
  readonly rule: RuleId;
  readonly case: () => Case;
  readonly reply: Reply;
  readonly want: Outcome;
}

const HUAWEI: Reading[] = [
  // kps.error-shape: flat and nested, KPS and gateway errors alike
  { name: 'a flat KPS error', rule: 'kps.error-shape', case: () => associate(), reply: { status: 400, body: flat('KPS.0002') }, want: { variant: 'flat' } },
  {
    name: 'a nested KPS error',
    rule: 'kps.error-shape',
    case: () => associate(),
    reply: { status: 400, body: nested('KPS.0002') },
    want: { variant: 'nested' },
  },
  {
    name: 'a flat gateway error with request_id',
    rule: 'kps.error-shape',
    case: () => associate(),
    reply: { status: 401, body: { ...flat('APIGW.0301', APIGW_0301), request_id: 'r' } },
    want: { variant: 'flat' },
  },
  {
    name: 'a nested gateway error, request_id beside it',
    rule: 'kps.error-shape',
    case: () => associate(),
    reply: { status: 401, body: { ...nested('APIGW.0301', APIGW_0301), request_id: 'r' } },
    want: { variant: 'nested' },
  },
  {
    name: 'a nested gateway error, request_id inside it',
    rule: 'kps.error-shape',
    case: () => associate(),
    reply: { status: 429, body: { error: { ...flat('APIG.0308'), request_id: 'r' } } },
    want: { variant: 'nested' },
  },
  {
    name: 'a nested error under any name',
    rule: 'kps.error-shape',
    case: () => task(),
    reply: { status: 404, body: { NotFound: flat('APIGW.0101') } },
    want: { variant: 'nested' },
  },
  // the error is read in either form wherever a check reads one
  {
    name: 'a bad signature answered nested APIGW.0301',
    rule: 'kps.auth.bad-signature',
    case: () => associate(RUNNING[0], {}, { auth: 'wrong-secret' }),
    reply: { status: 401, body: { ...nested('APIGW.0301', APIGW_0301), request_id: 'r' } },
    want: 'held',
  },
  {
    name: 'a body changed after signing answered flat APIGW.0301',
    rule: 'kps.auth.bad-signature',
    case: () => associate(RUNNING[0], {}, { auth: 'tamper-body' }),
    reply: { status: 401, body: flat('APIGW.0301', APIGW_0301) },
    want: 'held',
  },
  {
    name: 'malformed JSON answered 400 nested',
    rule: 'kps.associate.malformed-json',
    case: () => associate(RUNNING[0], { kind: 'reject', rules: ['kps.associate.malformed-json'] }, { rawBody: '{"keypair_name": ' }),
    reply: { status: 400, body: nested('KPS.0002') },
    want: 'held',
  },
  {
    name: 'a parameter error KPS.0002 nested',
    rule: 'kps.error-code-documented',
    case: () => associate(RUNNING[0], { kind: 'reject', rules: ['kps.associate.server-id-required'] }),
    reply: { status: 400, body: nested('KPS.0002') },
    want: 'held',
  },
  {
    name: 'an invalid request refused with a nested error',
    rule: 'kps.associate.rejects-invalid',
    case: () => associate(RUNNING[0], { kind: 'reject', rules: ['kps.associate.server-id-required'] }),
    reply: { status: 400, body: nested('KPS.0002') },
    want: 'held',
  },
  {
    name: 'a batch refused with a nested gateway error',
    rule: 'kps.batch-associate.rejects-invalid',
    case: () => aCase('kps.batch-associate', { body: {} }, { kind: 'reject', rules: ['kps.batch-associate.batch-required'] }),
    reply: { status: 400, body: { ...nested('KPS.0002'), request_id: 'r' } },
    want: 'held',
  },
  // AssociateKeypair success bodies: the example's task_id alone, or the table's members
  {
    name: 'a task-id-only body has its task id',
    rule: 'kps.associate.task-id',
    case: () => associate(),
    reply: { status: 202, body: { task_id: 't-1' } },
    want: { variant: 'task-id-only' },
  },
  {
    name: 'a full body has its task id',
    rule: 'kps.associate.task-id',
    case: () => associate(),
    reply: { status: 202, body: { task_id: 't-1', server_id: RUNNING[0], status: 'SUCCESS' } },
    want: { variant: 'full' },
  },
  {
    name: 'a task-id-only body has no status to judge',
    rule: 'kps.associate.status-enum',
    case: () => associate(),
    reply: { status: 202, body: { task_id: 't-1' } },
    want: { variant: 'status-absent' },
  },
  {
    name: 'a task-id-only body has no server_id to judge',
    rule: 'kps.associate.server-id-echo',
    case: () => associate(),
    reply: { status: 200, body: { task_id: 't-1' } },
    want: { variant: 'server-id-absent' },
  },
  {
    name: 'a full body echoes the server',
    rule: 'kps.associate.server-id-echo',
    case: () => associate(),
    reply: { status: 202, body: { task_id: 't-1', server_id: RUNNING[0], status: 'SUCCESS' } },
    want: 'held',
  },
  // unknown server and key pair
  {
    name: 'an unknown server gets a FAILED body',
    rule: 'kps.associate.unknown-server',
    case: () => associate('00000000-feed-4000-8000-00000000000f', { rules: ['kps.associate.unknown-server'] }),
    reply: { status: 202, body: { server_id: 'x', status: 'FAILED', ...flat('KPS.0006') } },
    want: { variant: 'failed-body' },
  },
  {
    name: 'an unknown server gets a 404',
    rule: 'kps.associate.unknown-server',
    case: () => associate('00000000-feed-4000-8000-00000000000f', { rules: ['kps.associate.unknown-server'] }),
    reply: { status: 404, body: nested('KPS.0006') },
    want: { variant: 'rejected' },
  },
  {
    name: 'an unknown key pair gets KPS.4016',
    rule: 'kps.associate.unknown-keypair',
    case: () => associate(RUNNING[0], { rules: ['kps.associate.unknown-keypair'] }),
    reply: { status: 400, body: flat('KPS.4016') },
    want: { variant: 'KPS.4016' },
  },
  {
    name: 'an unknown key pair gets KPS.6004, nested',
    rule: 'kps.associate.unknown-keypair',
    case: () => associate(RUNNING[0], { rules: ['kps.associate.unknown-keypair'] }),
    reply: { status: 400, body: nested('KPS.6004') },
    want: { variant: 'KPS.6004' },
  },
  // stopped and bound servers in a batch: a FAILED task, or the whole request 400
  {
    name: 'a stopped server: the whole batch 400',
    rule: 'kps.batch-associate.not-running',
    case: () => batch([STOPPED[0]!, RUNNING[0]!], ['stopped', 'fresh']),
    reply: { status: 400, body: nested('KPS.0002') },
    want: { variant: 'rejected' },
  },
  {
    name: 'a stopped server: its task FAILED',
    rule: 'kps.batch-associate.not-running',
    case: () => batch([STOPPED[0]!, RUNNING[0]!], ['stopped', 'fresh']),
    reply: {
      status: 202,
      body: tasks({ server_id: STOPPED[0], status: 'FAILED', ...flat('KPS.0002') }, { server_id: RUNNING[0], task_id: 't', status: 'SUCCESS' }),
    },
    want: { variant: 'failed-task' },
  },
  {
    name: 'a stopped server: its task Failed (the example)',
    rule: 'kps.batch-associate.not-running',
    case: () => batch([STOPPED[0]!], ['stopped']),
    reply: { status: 200, body: tasks({ server_id: STOPPED[0], status: 'Failed', ...flat('KPS.0002') }) },
    want: { variant: 'failed-task' },
  },
  {
    name: 'a bound server: the whole batch 400',
    rule: 'kps.batch-associate.already-bound',
    case: () => batch([BOUND[0]!, RUNNING[0]!], ['bound', 'fresh']),
    reply: { status: 400, body: flat('KPS.0002') },
    want: { variant: 'rejected' },
  },
  {
    name: 'a bound server: the running one is not judged in a whole-400 answer',
    rule: 'kps.batch-associate.partial-independence',
    case: () => batch([BOUND[0]!, RUNNING[0]!], ['bound', 'fresh']),
    reply: { status: 400, body: flat('KPS.0002') },
    want: 'not-applicable',
  },
  // max-10 at its edge
  {
    name: '10 entries of bound, stopped and unknown servers refused whole',
    rule: 'kps.batch-associate.max-10',
    case: () => batch(mixed10, mixedKnowledge, ['kps.batch-associate.max-10']),
    reply: { status: 400, body: nested('KPS.0002') },
    want: { variant: 'refused-for-its-servers' },
  },
  {
    name: '10 entries the suite knows nothing of refused whole',
    rule: 'kps.batch-associate.max-10',
    case: () =>
      aCase(
        'kps.batch-associate',
        { body: { batch_keypairs: fresh10.map((id) => ({ keypair_name: KEYPAIR, server: { id } })) } },
        { rules: ['kps.batch-associate.max-10'] },
      ),
    reply: { status: 400, body: flat('KPS.0002') },
    want: { variant: 'refused-for-its-servers' },
  },
  {
    name: '10 fresh entries accepted',
    rule: 'kps.batch-associate.max-10',
    case: () =>
      batch(
        fresh10,
        fresh10.map(() => 'fresh'),
        ['kps.batch-associate.max-10'],
      ),
    reply: { status: 202, body: tasks(...fresh10.map((id, i) => ({ server_id: id, task_id: `t-${i}`, status: 'SUCCESS' }))) },
    want: 'held',
  },
  {
    name: '11 entries refused',
    rule: 'kps.batch-associate.max-10',
    case: () =>
      batch(
        RUNNING.slice(0, 11),
        RUNNING.slice(0, 11).map(() => 'fresh'),
        ['kps.batch-associate.max-10'],
      ),
    reply: { status: 400, body: nested('KPS.0002') },
    want: 'held',
  },
  // ListKeypairTask: the enum, the replace terminals and Terraform's names
  {
    name: "RUNNING_RESET is in the page's enum",
    rule: 'kps.task.lookup',
    case: task,
    reply: { status: 200, body: { server_id: 's', task_id: 't-1', task_status: 'RUNNING_RESET' } },
    want: { variant: 'documented-enum' },
  },
  {
    name: 'SUCCESS_REPLACE ends a replace',
    rule: 'kps.task.lookup',
    case: task,
    reply: { status: 200, body: { server_id: 's', task_id: 't-1', task_status: 'SUCCESS_REPLACE' } },
    want: { variant: 'replace-terminal' },
  },
  {
    name: 'FAILED_REPLACE ends a replace',
    rule: 'kps.task.lookup',
    case: task,
    reply: { status: 200, body: { server_id: 's', task_id: 't-1', task_status: 'FAILED_REPLACE' } },
    want: { variant: 'replace-terminal' },
  },
  {
    name: "SUCCESS_BIND is Terraform's name",
    rule: 'kps.task.lookup',
    case: task,
    reply: { status: 200, body: { server_id: 's', task_id: 't-1', task_status: 'SUCCESS_BIND' } },
    want: { variant: 'terraform-bind' },
  },
];

const otherRegion = volc.region === 'cn-beijing' ? 'cn-shanghai' : 'cn-beijing';
const SIGNATURE_MSG = 'The request signature we calculated does not match the signature you provided.';

const VOLCENGINE: Reading[] = [
  // ecs.envelope: every reading it leaves open
  { name: 'a success names everything', rule: 'ecs.envelope', case: () => ecsCase(), reply: { status: 200, body: ecsSuccess() }, want: { variant: 'full' } },
  {
    name: 'an error with CodeN',
    rule: 'ecs.envelope',
    case: () => ecsCase(),
    reply: { status: 404, body: envelopeError('InvalidKeyPair.NotFound', 'm', {}, 100001) },
    want: { variant: 'full+codeN' },
  },
  {
    name: 'an error without CodeN',
    rule: 'ecs.envelope',
    case: () => ecsCase(),
    reply: { status: 404, body: envelopeError('InvalidKeyPair.NotFound', 'm') },
    want: { variant: 'full+no-codeN' },
  },
  {
    name: 'a minimal gateway envelope for a request without Action',
    rule: 'ecs.envelope',
    case: noAction,
    reply: { status: 400, body: minimal('MissingParameter', 'The request is missing Action parameter.', 100002) },
    want: { variant: 'minimal+codeN+defaults-absent' },
  },
  {
    name: 'the defaults named for a request without Action or Version',
    rule: 'ecs.envelope',
    case: noActionNorVersion,
    reply: { status: 400, body: envelopeError('MissingParameter', 'm', {}, 100002) },
    want: { variant: 'full+codeN+defaults-named' },
  },
  {
    name: 'one default named, one left out',
    rule: 'ecs.envelope',
    case: noActionNorVersion,
    reply: { status: 404, body: envelopeError('InvalidActionOrVersion', 'm', { Action: undefined }) },
    want: { variant: 'full+no-codeN+defaults-mixed' },
  },
  {
    name: 'a minimal gateway envelope for a bad signature',
    rule: 'ecs.envelope',
    case: () => ecsCase({ auth: 'wrong-secret' }),
    reply: { status: 401, body: minimal('SignatureDoesNotMatch', SIGNATURE_MSG, 100010) },
    want: { variant: 'minimal+codeN' },
  },
  {
    name: 'a gateway error that names the region but not the service',
    rule: 'ecs.envelope',
    case: () => ecsCase({ auth: 'stale-date' }),
    reply: { status: 400, body: envelopeError('InvalidTimestamp', 'm', { Service: undefined }, 100006) },
    want: { variant: 'partial+codeN' },
  },
  // ecs.envelope-echo: a gateway error may leave members out; what it says must be right
  { name: 'a success echoes the request', rule: 'ecs.envelope-echo', case: () => ecsCase(), reply: { status: 200, body: ecsSuccess() }, want: 'held' },
  {
    name: 'a minimal gateway envelope echoes nothing',
    rule: 'ecs.envelope-echo',
    case: () => ecsCase({ auth: 'wrong-secret' }),
    reply: { status: 401, body: minimal('SignatureDoesNotMatch', SIGNATURE_MSG) },
    want: { variant: 'gateway-minimal' },
  },
  {
    name: 'a scope for another region echoed with that region',
    rule: 'ecs.envelope-echo',
    case: () => ecsCase({ auth: 'other-region-scope' }),
    reply: { status: 401, body: envelopeError('SignatureDoesNotMatch', SIGNATURE_MSG, { Region: otherRegion }) },
    want: 'held',
  },
  // authentication
  {
    name: 'an unsigned request: MissingSignature',
    rule: 'ecs.auth.required',
    case: () => ecsCase({ auth: 'none' }),
    reply: { status: 401, body: minimal('MissingSignature', 'm', 100005) },
    want: { variant: 'MissingSignature' },
  },
  {
    name: 'a wrong secret: SignatureDoesNotMatch',
    rule: 'ecs.auth.bad-signature',
    case: () => ecsCase({ auth: 'wrong-secret' }),
    reply: { status: 401, body: envelopeError('SignatureDoesNotMatch', SIGNATURE_MSG, {}, 100010) },
    want: 'held',
  },
  {
    name: 'a query changed after signing: SignatureDoesNotMatch',
    rule: 'ecs.auth.bad-signature',
    case: () => ecsCase({ auth: 'tamper-body' }),
    reply: { status: 401, body: minimal('SignatureDoesNotMatch', SIGNATURE_MSG) },
    want: 'held',
  },
  {
    name: 'a scope for another region: SignatureDoesNotMatch',
    rule: 'ecs.auth.bad-signature',
    case: () => ecsCase({ auth: 'other-region-scope' }),
    reply: { status: 401, body: envelopeError('SignatureDoesNotMatch', SIGNATURE_MSG) },
    want: 'held',
  },
  {
    name: 'a stale X-Date: 400 InvalidTimestamp, CodeN 100006',
    rule: 'ecs.auth.stale-date',
    case: () => ecsCase({ auth: 'stale-date' }),
    reply: { status: 400, body: envelopeError('InvalidTimestamp', 'The Signature of the request is expired', {}, 100006) },
    want: 'held',
  },
  {
    name: 'a stale X-Date: 400 InvalidTimestamp without CodeN, minimal',
    rule: 'ecs.auth.stale-date',
    case: () => ecsCase({ auth: 'stale-date' }),
    reply: { status: 400, body: minimal('InvalidTimestamp', 'another wording') },
    want: 'held',
  },
  // a missing Action: either documented answer
  {
    name: 'a missing Action: 400 MissingParameter',
    rule: 'ecs.version',
    case: noAction,
    reply: { status: 400, body: minimal('MissingParameter', 'm', 100002) },
    want: { variant: 'MissingParameter' },
  },
  {
    name: 'a missing Action: 404 InvalidActionOrVersion',
    rule: 'ecs.version',
    case: noAction,
    reply: { status: 404, body: minimal('InvalidActionOrVersion', 'm', 100008) },
    want: { variant: 'InvalidActionOrVersion' },
  },
  // generic rules read the same envelope
  {
    name: 'an invalid request refused without CodeN',
    rule: 'ecs.attach-key-pair.rejects-invalid',
    case: () => ecsCase({ logical: { KeyPairName: 'k' } }, { kind: 'reject' }),
    reply: { status: 400, body: envelopeError('MissingParameter.InstanceIds', 'm') },
    want: 'held',
  },
  {
    name: 'a missing Version refused by the gateway, minimal',
    rule: 'ecs.attach-key-pair.rejects-invalid',
    case: () => ecsCase({ fixed: { Version: undefined } }, { kind: 'reject', rules: ['ecs.version'] }),
    reply: { status: 400, body: minimal('MissingParameter', 'm') },
    want: 'held',
  },
  {
    name: 'a minimal envelope has its RequestId',
    rule: 'ecs.attach-key-pair.request-id',
    case: noAction,
    reply: { status: 400, body: minimal('MissingParameter', 'm') },
    want: 'held',
  },
  {
    name: 'the documented answer of several broken rules, any one of them',
    rule: 'ecs.attach-key-pair.keypair-required',
    case: () => ecsCase({ logical: {} }, { kind: 'reject', rules: ['ecs.attach-key-pair.instance-ids-required', 'ecs.attach-key-pair.keypair-required'] }),
    reply: { status: 400, body: envelopeError('MissingParameter.InstanceIds', 'another wording') },
    want: 'held',
  },
];

for (const [cloud, table] of [
  ['huaweicloud', HUAWEI],
  ['volcengine', VOLCENGINE],
] as const) {
  test.describe(`${cloud}: documented readings hold`, () => {
    for (const r of table) {
      test(`${r.rule}: ${r.name}`, () => {
        // Arrange
        const c = r.case();
        const x = exchange(c, r.reply);
        // Act
        const outcome = judge(r.rule, c, x);
        // Assert
        expect(outcome).toEqual(r.want);
      });
    }
  });
}

test('every reading of the table holds ecs.envelope and the generic rules of its answer', () => {
  // Arrange: the Volcengine answers above are all conformant envelopes
  const rules: RuleId[] = ['ecs.envelope', 'ecs.attach-key-pair.response-schema', 'ecs.attach-key-pair.request-id', 'ecs.attach-key-pair.content-type'];
  // Act
  const failures = VOLCENGINE.flatMap((r) => {
    const c = r.case();
    const x = exchange(c, r.reply);
    return rules.map((rule) => [r.name, judge(rule, c, x)] as const).filter(([, o]) => typeof o === 'object' && 'failed' in o);
  });
  // Assert
  expect(failures).toEqual([]);
});

test('every Huawei error of the table holds kps.error-shape and the response schema', () => {
  // Act
  const failures = HUAWEI.filter((r) => r.reply.status >= 400).flatMap((r) => {
    const c = r.case();
    const x = exchange(c, r.reply);
    const rules: RuleId[] = ['kps.error-shape', ...(c.operation === 'kps.task' ? [] : [`${c.operation}.response-schema` as RuleId])];
    return rules.map((rule) => [r.name, judge(rule, c, x)] as const).filter(([, o]) => typeof o === 'object' && 'failed' in o);
  });
  // Assert
  expect(failures).toEqual([]);
});
