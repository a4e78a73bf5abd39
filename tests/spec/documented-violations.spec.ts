import { test, expect } from '@playwright/test';
import { SpecValidators } from '../../src/spec/spec-validators.ts';
import type { SpecName } from '../../src/spec/spec-files.ts';

// Documented violations fail schema validation, each for the reason expected; documented boundaries pass.
// `reason` is ajv's own error (keyword and instancePath), passed through unchanged.

const validators = new SpecValidators();

const server = (id: string) => ({ keypair_name: 'kp-alpha', server: { id } });
const batch = (n: number) => ({ batch_keypairs: Array.from({ length: n }, (_, i) => server(`srv-${i}`)) });
const ids = (n: number) => Array.from({ length: n }, (_, i) => `i-${String(i).padStart(4, '0')}`);
const meta = { RequestId: 'r-1', Action: 'AttachKeyPair', Version: '2020-04-01', Service: 'ecs', Region: 'cn-beijing' };

interface Case {
  readonly description: string;
  readonly spec: SpecName;
  readonly schema: string;
  readonly data: unknown;
  /** ajv keyword and instancePath of the error that must be among the errors; absent when valid. */
  readonly reason?: { keyword: string; instancePath: string; missingProperty?: string };
}

const KPS: SpecName = 'huaweicloud-kps';
const ECS: SpecName = 'volcengine-ecs';

const cases: Case[] = [
  // kps.associate request body (seed 003 Tables 3-5)
  {
    description: 'no keypair_name is rejected',
    spec: KPS,
    schema: 'AssociateKeypairRequestBody',
    data: { server: { id: 's' } },
    reason: { keyword: 'required', missingProperty: 'keypair_name', instancePath: '' },
  },
  {
    description: 'no server is rejected',
    spec: KPS,
    schema: 'AssociateKeypairRequestBody',
    data: { keypair_name: 'k' },
    reason: { keyword: 'required', missingProperty: 'server', instancePath: '' },
  },
  {
    description: 'no server.id is rejected',
    spec: KPS,
    schema: 'AssociateKeypairRequestBody',
    data: { keypair_name: 'k', server: {} },
    reason: { keyword: 'required', missingProperty: 'id', instancePath: '/server' },
  },
  {
    description: 'auth.type "foo" is rejected',
    spec: KPS,
    schema: 'AssociateKeypairRequestBody',
    data: { keypair_name: 'k', server: { id: 's', auth: { type: 'foo', key: 'x' } } },
    reason: { keyword: 'enum', instancePath: '/server/auth/type' },
  },
  {
    description: 'port "22" is rejected',
    spec: KPS,
    schema: 'AssociateKeypairRequestBody',
    data: { keypair_name: 'k', server: { id: 's', port: '22' } },
    reason: { keyword: 'type', instancePath: '/server/port' },
  },
  {
    description: 'port 22.5 is rejected',
    spec: KPS,
    schema: 'AssociateKeypairRequestBody',
    data: { keypair_name: 'k', server: { id: 's', port: 22.5 } },
    reason: { keyword: 'type', instancePath: '/server/port' },
  },
  {
    description: 'disable_password "true" is rejected',
    spec: KPS,
    schema: 'AssociateKeypairRequestBody',
    data: { keypair_name: 'k', server: { id: 's', disable_password: 'true' } },
    reason: { keyword: 'type', instancePath: '/server/disable_password' },
  },
  {
    description: 'a numeric keypair_name is rejected',
    spec: KPS,
    schema: 'AssociateKeypairRequestBody',
    data: { keypair_name: 1, server: { id: 's' } },
    reason: { keyword: 'type', instancePath: '/keypair_name' },
  },
  {
    description: 'auth as a string is rejected',
    spec: KPS,
    schema: 'AssociateKeypairRequestBody',
    data: { keypair_name: 'k', server: { id: 's', auth: 'keypair' } },
    reason: { keyword: 'type', instancePath: '/server/auth' },
  },
  {
    description: 'a body that is an array is rejected',
    spec: KPS,
    schema: 'AssociateKeypairRequestBody',
    data: [],
    reason: { keyword: 'type', instancePath: '' },
  },
  {
    description: 'port 70000 passes the schema (port-range is a should)',
    spec: KPS,
    schema: 'AssociateKeypairRequestBody',
    data: { keypair_name: 'k', server: { id: 's', port: 70000 } },
  },
  { description: 'reset without auth is valid', spec: KPS, schema: 'AssociateKeypairRequestBody', data: { keypair_name: 'k', server: { id: 's' } } },
  // kps.batch-associate request body (seed 001)
  {
    description: '11 batch entries are rejected',
    spec: KPS,
    schema: 'BatchAssociateKeypairRequestBody',
    data: batch(11),
    reason: { keyword: 'maxItems', instancePath: '/batch_keypairs' },
  },
  { description: '10 batch entries are valid', spec: KPS, schema: 'BatchAssociateKeypairRequestBody', data: batch(10) },
  {
    description: 'no batch_keypairs is rejected',
    spec: KPS,
    schema: 'BatchAssociateKeypairRequestBody',
    data: {},
    reason: { keyword: 'required', missingProperty: 'batch_keypairs', instancePath: '' },
  },
  {
    description: 'two key pairs in one batch are rejected',
    spec: KPS,
    schema: 'BatchAssociateKeypairRequestBody',
    data: { batch_keypairs: [server('a'), { ...server('b'), keypair_name: 'kp-beta' }] },
    reason: { keyword: 'x-same-value', instancePath: '/batch_keypairs' },
  },
  {
    description: 'an entry without server is rejected',
    spec: KPS,
    schema: 'BatchAssociateKeypairRequestBody',
    data: { batch_keypairs: [server('a'), { keypair_name: 'kp-alpha' }] },
    reason: { keyword: 'required', missingProperty: 'server', instancePath: '/batch_keypairs/1' },
  },
  {
    description: 'an entry with auth.type "foo" is rejected',
    spec: KPS,
    schema: 'BatchAssociateKeypairRequestBody',
    data: { batch_keypairs: [{ keypair_name: 'k', server: { id: 's', auth: { type: 'foo' } } }] },
    reason: { keyword: 'enum', instancePath: '/batch_keypairs/0/server/auth/type' },
  },
  // kps responses
  {
    description: 'a 202 body without task_id or status is rejected',
    spec: KPS,
    schema: 'AssociateKeypairResponseBody',
    data: { server_id: 's' },
    reason: { keyword: 'required', missingProperty: 'task_id', instancePath: '' },
  },
  {
    description: 'an empty task_id is rejected',
    spec: KPS,
    schema: 'AssociateKeypairResponseBody',
    data: { task_id: '' },
    reason: { keyword: 'minLength', instancePath: '/task_id' },
  },
  {
    description: 'a FAILED body needs no task_id',
    spec: KPS,
    schema: 'AssociateKeypairResponseBody',
    data: { status: 'FAILED', error_code: 'KPS.0002', error_msg: 'x' },
  },
  {
    description: 'status "Success" is rejected',
    spec: KPS,
    schema: 'AssociateKeypairResponseBody',
    data: { task_id: 't', status: 'Success' },
    reason: { keyword: 'enum', instancePath: '/status' },
  },
  {
    description: 'a SUCCESS task without task_id is rejected',
    spec: KPS,
    schema: 'BatchAssociateKeypairResponseBody',
    data: { tasks: [{ server_id: 's', status: 'SUCCESS' }] },
    reason: { keyword: 'required', missingProperty: 'task_id', instancePath: '/tasks/0' },
  },
  {
    description: 'task status "Running" is rejected',
    spec: KPS,
    schema: 'BatchAssociateKeypairResponseBody',
    data: { tasks: [{ server_id: 's', task_id: 't', status: 'Running' }] },
    reason: { keyword: 'enum', instancePath: '/tasks/0/status' },
  },
  {
    description: 'task status "Failed" is an accepted variant',
    spec: KPS,
    schema: 'BatchAssociateKeypairResponseBody',
    data: { tasks: [{ server_id: 's', status: 'Failed', error_code: 'x', error_msg: 'y' }] },
  },
  {
    description: 'an error body without error_msg is rejected',
    spec: KPS,
    schema: 'KpsError',
    data: { error_code: 'KPS.0002' },
    reason: { keyword: 'anyOf', instancePath: '' },
  },
  {
    description: 'the nested error body is an accepted variant',
    spec: KPS,
    schema: 'KpsError',
    data: { error: { error_code: 'KPS.0002', error_msg: 'parameter error' } },
  },
  {
    description: 'a gateway error with request_id is valid',
    spec: KPS,
    schema: 'KpsError',
    data: { error_code: 'APIGW.0301', error_msg: 'x', request_id: 'r' },
  },
  {
    description: 'a nested gateway error with request_id beside it is valid',
    spec: KPS,
    schema: 'KpsError',
    data: { error: { error_code: 'APIGW.0301', error_msg: 'x' }, request_id: 'r' },
  },
  {
    description: 'a nested gateway error with request_id inside it is valid',
    spec: KPS,
    schema: 'KpsError',
    data: { error: { error_code: 'APIGW.0301', error_msg: 'x', request_id: 'r' } },
  },
  {
    description: 'a nested error without error_msg is rejected',
    spec: KPS,
    schema: 'KpsError',
    data: { error: { error_code: 'KPS.0002' } },
    reason: { keyword: 'anyOf', instancePath: '' },
  },
  {
    description: 'two members holding a pair are rejected',
    spec: KPS,
    schema: 'KpsError',
    data: { a: { error_code: 'KPS.0002', error_msg: 'x' }, b: { error_code: 'KPS.0002', error_msg: 'x' } },
    reason: { keyword: 'anyOf', instancePath: '' },
  },
  {
    description: 'an error_code at the top beside a nested pair is rejected',
    spec: KPS,
    schema: 'KpsError',
    data: { error_code: 'KPS.0002', error: { error_code: 'KPS.0002', error_msg: 'x' } },
    reason: { keyword: 'anyOf', instancePath: '' },
  },
  // ecs.attach-key-pair logical request (seed 002)
  {
    description: '101 instance ids are rejected',
    spec: ECS,
    schema: 'AttachKeyPairRequest',
    data: { InstanceIds: ids(101), KeyPairName: 'k' },
    reason: { keyword: 'maxItems', instancePath: '/InstanceIds' },
  },
  { description: '100 instance ids are valid', spec: ECS, schema: 'AttachKeyPairRequest', data: { InstanceIds: ids(100), KeyPairName: 'k' } },
  {
    description: 'no InstanceIds is rejected',
    spec: ECS,
    schema: 'AttachKeyPairRequest',
    data: { KeyPairName: 'k' },
    reason: { keyword: 'required', missingProperty: 'InstanceIds', instancePath: '' },
  },
  {
    description: 'neither KeyPairName nor KeyPairId is rejected',
    spec: ECS,
    schema: 'AttachKeyPairRequest',
    data: { InstanceIds: ids(1) },
    reason: { keyword: 'anyOf', instancePath: '' },
  },
  { description: 'KeyPairId alone is valid', spec: ECS, schema: 'AttachKeyPairRequest', data: { InstanceIds: ids(1), KeyPairId: 'kp-1' } },
  {
    description: 'a 65-character ClientToken is rejected',
    spec: ECS,
    schema: 'AttachKeyPairRequest',
    data: { InstanceIds: ids(1), KeyPairName: 'k', ClientToken: 'a'.repeat(65) },
    reason: { keyword: 'maxLength', instancePath: '/ClientToken' },
  },
  {
    description: 'a 64-character ClientToken is valid',
    spec: ECS,
    schema: 'AttachKeyPairRequest',
    data: { InstanceIds: ids(1), KeyPairName: 'k', ClientToken: '~'.repeat(64) },
  },
  {
    description: 'a non-ASCII ClientToken is rejected',
    spec: ECS,
    schema: 'AttachKeyPairRequest',
    data: { InstanceIds: ids(1), KeyPairName: 'k', ClientToken: 'tok-é' },
    reason: { keyword: 'pattern', instancePath: '/ClientToken' },
  },
  // ecs responses
  {
    description: 'a success with ResponseMetadata.Error is rejected',
    spec: ECS,
    schema: 'AttachKeyPairSuccess',
    data: { ResponseMetadata: { ...meta, Error: { Code: 'x', Message: 'y' } }, Result: { OperationDetails: [] } },
    reason: { keyword: 'false schema', instancePath: '/ResponseMetadata/Error' },
  },
  {
    description: 'a success without Result is rejected',
    spec: ECS,
    schema: 'AttachKeyPairSuccess',
    data: { ResponseMetadata: meta },
    reason: { keyword: 'required', missingProperty: 'Result', instancePath: '' },
  },
  {
    description: 'an empty RequestId is rejected',
    spec: ECS,
    schema: 'AttachKeyPairSuccess',
    data: { ResponseMetadata: { ...meta, RequestId: '' }, Result: { OperationDetails: [] } },
    reason: { keyword: 'minLength', instancePath: '/ResponseMetadata/RequestId' },
  },
  {
    description: 'a detail without Error is rejected',
    spec: ECS,
    schema: 'AttachKeyPairSuccess',
    data: { ResponseMetadata: meta, Result: { OperationDetails: [{ InstanceId: 'i-1' }] } },
    reason: { keyword: 'required', missingProperty: 'Error', instancePath: '/Result/OperationDetails/0' },
  },
  {
    description: 'a detail Error without Message is rejected',
    spec: ECS,
    schema: 'AttachKeyPairSuccess',
    data: { ResponseMetadata: meta, Result: { OperationDetails: [{ InstanceId: 'i-1', Error: { Code: 'x' } }] } },
    reason: { keyword: 'required', missingProperty: 'Message', instancePath: '/Result/OperationDetails/0/Error' },
  },
  {
    description: 'an error envelope with Result is rejected',
    spec: ECS,
    schema: 'ErrorEnvelope',
    data: { ResponseMetadata: { ...meta, Error: { Code: 'x', Message: 'y' } }, Result: {} },
    reason: { keyword: 'false schema', instancePath: '/Result' },
  },
  {
    description: 'an error envelope without Error is rejected',
    spec: ECS,
    schema: 'ErrorEnvelope',
    data: { ResponseMetadata: meta },
    reason: { keyword: 'required', missingProperty: 'Error', instancePath: '/ResponseMetadata' },
  },
  {
    description: 'an error envelope without Action and Version is valid',
    spec: ECS,
    schema: 'ErrorEnvelope',
    data: { ResponseMetadata: { RequestId: 'r', Service: 'ecs', Region: 'cn-beijing', Error: { Code: 'MissingParameter', Message: 'm', CodeN: 100002 } } },
  },
  {
    description: 'a minimal gateway envelope (RequestId and Error) is valid',
    spec: ECS,
    schema: 'ErrorEnvelope',
    data: { ResponseMetadata: { RequestId: 'r', Error: { Code: 'MissingParameter', Message: 'm', CodeN: 100002 } } },
  },
  {
    description: 'an error envelope without CodeN is valid',
    spec: ECS,
    schema: 'ErrorEnvelope',
    data: { ResponseMetadata: { ...meta, Error: { Code: 'InvalidTimestamp', Message: 'm' } } },
  },
  {
    description: 'an error envelope without RequestId is rejected',
    spec: ECS,
    schema: 'ErrorEnvelope',
    data: { ResponseMetadata: { Error: { Code: 'MissingParameter', Message: 'm' } } },
    reason: { keyword: 'required', missingProperty: 'RequestId', instancePath: '/ResponseMetadata' },
  },
  {
    description: 'an empty Region is rejected',
    spec: ECS,
    schema: 'ErrorEnvelope',
    data: { ResponseMetadata: { ...meta, Region: '', Error: { Code: 'x', Message: 'y' } } },
    reason: { keyword: 'minLength', instancePath: '/ResponseMetadata/Region' },
  },
  {
    description: 'a success without Service is rejected',
    spec: ECS,
    schema: 'AttachKeyPairSuccess',
    data: { ResponseMetadata: { RequestId: 'r', Region: 'cn-beijing' }, Result: { OperationDetails: [] } },
    reason: { keyword: 'required', missingProperty: 'Service', instancePath: '/ResponseMetadata' },
  },
];

for (const c of cases) {
  test(`${c.schema}: ${c.description}`, () => {
    // Arrange
    const validate = validators.forSchema(c.spec, c.schema);
    // Act
    const valid = validate(c.data);
    // Assert
    if (!c.reason) {
      expect(validate.errors ?? []).toEqual([]);
      expect(valid).toBe(true);
      return;
    }
    expect(valid).toBe(false);
    const reason = c.reason;
    const reasons = (validate.errors ?? []).map((e) => ({
      keyword: e.keyword,
      instancePath: e.instancePath,
      ...(reason.missingProperty ? { missingProperty: e.params.missingProperty } : {}),
    }));
    expect(reasons).toContainEqual(reason);
  });
}
