import { test, expect } from '@playwright/test';
import type { RuleId } from '../../../src/rules/rules.ts';
import type { Case, ServerKnowledge } from '../../../src/engine/cases/case.ts';
import {
  aCase,
  ecsCase,
  ecsSuccess,
  envelopeError,
  exchange,
  INSTANCE,
  judge,
  KEYPAIR,
  META,
  minimal,
  RUNNING,
  STOPPED,
  type Reply,
} from './_helpers/judge.ts';

// What the documents do state still fails: each broken answer is a ContractFailure of the rule it breaks.

const associate = (expect: Partial<Case['expect']> = {}, request: Partial<Case['request']> = {}) =>
  aCase('kps.associate', { body: { keypair_name: KEYPAIR, server: { id: RUNNING[0] } }, ...request }, expect);
const batch = (servers: readonly string[], knowledge: readonly ServerKnowledge[], rules: RuleId[]) =>
  aCase('kps.batch-associate', { body: { batch_keypairs: servers.map((id) => ({ keypair_name: KEYPAIR, server: { id } })) } }, { rules, servers: knowledge });
const flat = (code: string) => ({ error_code: code, error_msg: 'm' });
const fresh10 = RUNNING.slice(0, 10);
const success = (details: unknown[] = [{ InstanceId: INSTANCE, Error: null }]) => ecsSuccess(details);

interface Broken {
  readonly name: string;
  readonly rule: RuleId;
  readonly case: () => Case;
  readonly reply: Reply;
}

const BROKEN: Broken[] = [
  // ecs.envelope
  {
    name: 'an envelope without RequestId',
    rule: 'ecs.envelope',
    case: () => ecsCase(),
    reply: { status: 200, body: { ResponseMetadata: { ...META, RequestId: undefined }, Result: { OperationDetails: [] } } },
  },
  {
    name: 'a minimal gateway envelope with an empty RequestId',
    rule: 'ecs.envelope',
    case: () => ecsCase({ auth: 'wrong-secret' }),
    reply: { status: 401, body: { ResponseMetadata: { RequestId: '', Error: { Code: 'SignatureDoesNotMatch', Message: 'm' } } } },
  },
  {
    name: "Action echoing another value than the request's",
    rule: 'ecs.envelope',
    case: () => ecsCase(),
    reply: { status: 200, body: { ResponseMetadata: { ...META, Action: 'DetachKeyPair' }, Result: { OperationDetails: [] } } },
  },
  {
    name: 'Version echoing the default for a request with another Version',
    rule: 'ecs.envelope',
    case: () => ecsCase({ fixed: { Version: '2021-01-01' } }, { rules: ['ecs.version'] }),
    reply: { status: 404, body: envelopeError('InvalidActionOrVersion', 'm', { Version: '2020-04-01' }) },
  },
  {
    name: 'a request without Action answered with another Action',
    rule: 'ecs.envelope',
    case: () => ecsCase({ fixed: { Action: undefined } }, { rules: ['ecs.version'] }),
    reply: { status: 400, body: envelopeError('MissingParameter', 'm', { Action: 'DescribeInstances' }) },
  },
  {
    name: 'a success without Service',
    rule: 'ecs.envelope',
    case: () => ecsCase(),
    reply: { status: 200, body: { ResponseMetadata: { ...META, Service: undefined }, Result: { OperationDetails: [] } } },
  },
  {
    name: "a service's error with a minimal envelope",
    rule: 'ecs.envelope',
    case: () => ecsCase(),
    reply: { status: 404, body: minimal('InvalidKeyPair.NotFound', 'm') },
  },
  {
    name: 'an empty Region on a gateway error',
    rule: 'ecs.envelope',
    case: () => ecsCase({ auth: 'wrong-secret' }),
    reply: { status: 401, body: envelopeError('SignatureDoesNotMatch', 'm', { Region: '' }) },
  },
  {
    name: 'an error without Message',
    rule: 'ecs.envelope',
    case: () => ecsCase(),
    reply: { status: 404, body: { ResponseMetadata: { ...META, Error: { Code: 'InvalidKeyPair.NotFound' } } } },
  },
  {
    name: 'an error carrying Result',
    rule: 'ecs.envelope',
    case: () => ecsCase(),
    reply: { status: 404, body: { ...envelopeError('InvalidKeyPair.NotFound', 'm'), Result: {} } },
  },
  {
    name: 'a success carrying Error',
    rule: 'ecs.envelope',
    case: () => ecsCase(),
    reply: { status: 200, body: { ResponseMetadata: { ...META, Error: { Code: 'x', Message: 'y' } }, Result: { OperationDetails: [] } } },
  },
  { name: 'a body that is not an envelope', rule: 'ecs.envelope', case: () => ecsCase(), reply: { status: 200, body: { OperationDetails: [] } } },
  // ecs.envelope-echo
  {
    name: 'a success naming another region',
    rule: 'ecs.envelope-echo',
    case: () => ecsCase(),
    reply: { status: 200, body: { ...success(), ResponseMetadata: { ...META, Region: 'ap-southeast-1' } } },
  },
  {
    name: 'a success without Action',
    rule: 'ecs.envelope-echo',
    case: () => ecsCase(),
    reply: { status: 200, body: { ...success(), ResponseMetadata: { ...META, Action: undefined } } },
  },
  {
    name: 'a gateway error naming another service',
    rule: 'ecs.envelope-echo',
    case: () => ecsCase({ auth: 'wrong-secret' }),
    reply: { status: 401, body: envelopeError('SignatureDoesNotMatch', 'm', { Service: 'vpc', Region: undefined }) },
  },
  // authentication
  {
    name: 'a 200 for a scope naming another region',
    rule: 'ecs.auth.bad-signature',
    case: () => ecsCase({ auth: 'other-region-scope' }),
    reply: { status: 200, body: success() },
  },
  {
    name: 'a 200 for a query changed after signing',
    rule: 'ecs.auth.bad-signature',
    case: () => ecsCase({ auth: 'tamper-body' }),
    reply: { status: 200, body: success() },
  },
  {
    name: 'a 403 AccessDenied for a wrong secret',
    rule: 'ecs.auth.bad-signature',
    case: () => ecsCase({ auth: 'wrong-secret' }),
    reply: { status: 403, body: envelopeError('AccessDenied', 'm') },
  },
  {
    name: "a 403 for a stale date (an older page's status)",
    rule: 'ecs.auth.stale-date',
    case: () => ecsCase({ auth: 'stale-date' }),
    reply: { status: 403, body: envelopeError('InvalidTimestamp', 'm', {}, 100006) },
  },
  {
    name: 'a stale date with another CodeN',
    rule: 'ecs.auth.stale-date',
    case: () => ecsCase({ auth: 'stale-date' }),
    reply: { status: 400, body: envelopeError('InvalidTimestamp', 'm', {}, 100010) },
  },
  { name: 'a stale date accepted', rule: 'ecs.auth.stale-date', case: () => ecsCase({ auth: 'stale-date' }), reply: { status: 200, body: success() } },
  {
    name: 'a stale date answered SignatureDoesNotMatch',
    rule: 'ecs.auth.stale-date',
    case: () => ecsCase({ auth: 'stale-date' }),
    reply: { status: 401, body: envelopeError('SignatureDoesNotMatch', 'm') },
  },
  {
    name: 'an unsigned request answered 401 SignatureDoesNotMatch',
    rule: 'ecs.auth.required',
    case: () => ecsCase({ auth: 'none' }),
    reply: { status: 401, body: envelopeError('SignatureDoesNotMatch', 'm') },
  },
  {
    name: 'a missing Action answered 400 InvalidParameter',
    rule: 'ecs.version',
    case: () => ecsCase({ fixed: { Action: undefined } }, { rules: ['ecs.version'] }),
    reply: { status: 400, body: minimal('InvalidParameter', 'm') },
  },
  {
    name: 'another Version answered 400 MissingParameter',
    rule: 'ecs.version',
    case: () => ecsCase({ fixed: { Version: '2021-01-01' } }, { rules: ['ecs.version'] }),
    reply: { status: 400, body: envelopeError('MissingParameter', 'm', { Version: '2021-01-01' }) },
  },
  // Huawei errors: the nested form still needs both members
  {
    name: 'a nested error without error_msg',
    rule: 'kps.error-shape',
    case: () => associate(),
    reply: { status: 400, body: { error: { error_code: 'KPS.0002' } } },
  },
  {
    name: 'two members holding an error',
    rule: 'kps.error-shape',
    case: () => associate(),
    reply: { status: 400, body: { a: flat('KPS.0002'), b: flat('KPS.0002') } },
  },
  { name: 'an error as {code, message}', rule: 'kps.error-shape', case: () => associate(), reply: { status: 401, body: { code: 'APIGW.0301', message: 'm' } } },
  {
    name: 'an error_msg that is not a string',
    rule: 'kps.error-shape',
    case: () => associate(),
    reply: { status: 400, body: { error_code: 'KPS.0002', error_msg: 2 } },
  },
  {
    name: 'malformed JSON answered with a nested error without error_msg',
    rule: 'kps.associate.malformed-json',
    case: () => associate({ kind: 'reject', rules: ['kps.associate.malformed-json'] }, { rawBody: '{' }),
    reply: { status: 400, body: { error: { error_code: 'KPS.0002' } } },
  },
  {
    name: 'malformed JSON answered 413',
    rule: 'kps.associate.malformed-json',
    case: () => associate({ kind: 'reject', rules: ['kps.associate.malformed-json'] }, { rawBody: '{' }),
    reply: { status: 413, body: flat('APIGW.0201') },
  },
  {
    name: 'a bad signature answered nested with another code',
    rule: 'kps.auth.bad-signature',
    case: () => associate({}, { auth: 'tamper-body' }),
    reply: { status: 401, body: { error: flat('APIGW.0305') } },
  },
  {
    name: 'a bad signature accepted',
    rule: 'kps.auth.bad-signature',
    case: () => associate({}, { auth: 'wrong-secret' }),
    reply: { status: 202, body: { task_id: 't' } },
  },
  {
    name: 'a parameter error with another KPS code, nested',
    rule: 'kps.error-code-documented',
    case: () => associate({ kind: 'reject', rules: ['kps.associate.server-id-required'] }),
    reply: { status: 400, body: { error: flat('KPS.4016') } },
  },
  {
    name: 'an undocumented code, nested',
    rule: 'kps.error-code-documented',
    case: () => associate(),
    reply: { status: 400, body: { error: flat('KPS.PARAM') } },
  },
  {
    name: 'an invalid request refused with a broken error body',
    rule: 'kps.associate.rejects-invalid',
    case: () => associate({ kind: 'reject', rules: ['kps.associate.server-id-required'] }),
    reply: { status: 400, body: { error: { error_msg: 'm' } } },
  },
  // AssociateKeypair
  {
    name: 'an unknown server given a task-id-only success',
    rule: 'kps.associate.unknown-server',
    case: () => associate({ rules: ['kps.associate.unknown-server'] }),
    reply: { status: 202, body: { task_id: 't' } },
  },
  {
    name: 'an unknown server given SUCCESS',
    rule: 'kps.associate.unknown-server',
    case: () => associate({ rules: ['kps.associate.unknown-server'] }),
    reply: { status: 202, body: { task_id: 't', status: 'SUCCESS' } },
  },
  {
    name: 'an unknown key pair answered with a FAILED body',
    rule: 'kps.associate.unknown-keypair',
    case: () => associate({ rules: ['kps.associate.unknown-keypair'] }),
    reply: { status: 202, body: { status: 'FAILED', ...flat('KPS.4016') } },
  },
  {
    name: 'a success whose status is OK',
    rule: 'kps.associate.status-enum',
    case: () => associate(),
    reply: { status: 202, body: { task_id: 't', status: 'OK' } },
  },
  { name: 'a success with an empty task_id', rule: 'kps.associate.task-id', case: () => associate(), reply: { status: 202, body: { task_id: '' } } },
  // BatchAssociateKeypair
  {
    name: 'a 400 for 10 entries all known fresh',
    rule: 'kps.batch-associate.max-10',
    case: () =>
      batch(
        fresh10,
        fresh10.map(() => 'fresh'),
        ['kps.batch-associate.max-10'],
      ),
    reply: { status: 400, body: flat('KPS.0002') },
  },
  {
    name: '11 entries accepted',
    rule: 'kps.batch-associate.max-10',
    case: () => batch(RUNNING.slice(0, 11), [], ['kps.batch-associate.max-10']),
    reply: { status: 202, body: { tasks: [] } },
  },
  {
    name: 'a stopped server given SUCCESS',
    rule: 'kps.batch-associate.not-running',
    case: () => batch([STOPPED[0]!], ['stopped'], []),
    reply: { status: 202, body: { tasks: [{ server_id: STOPPED[0], task_id: 't', status: 'SUCCESS' }] } },
  },
  // ListKeypairTask
  {
    name: 'a task status no document names',
    rule: 'kps.task.lookup',
    case: () => aCase('kps.task', { taskId: 't' }),
    reply: { status: 200, body: { server_id: 's', task_id: 't', task_status: 'RUNNING_BIND' } },
  },
];

test.describe('broken answers fail the rule they break', () => {
  for (const b of BROKEN) {
    test(`${b.rule}: ${b.name}`, () => {
      // Arrange
      const c = b.case();
      const x = exchange(c, b.reply);
      // Act
      const outcome = judge(b.rule, c, x);
      // Assert
      expect(outcome).toMatchObject({ failed: b.rule });
    });
  }
});
