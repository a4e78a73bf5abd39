// Compile-time checks of generated/: `npm test` runs `tsc --noEmit`, which fails if a typed copy of a
// documents' example stops fitting, or if a misspelt member stops being an error (an unused
// `@ts-expect-error` is itself an error).
import type { components as Kps } from '../../generated/huaweicloud-kps.ts';
import type { components as Ecs } from '../../generated/volcengine-ecs.ts';

type KpsSchemas = Kps['schemas'];
type EcsSchemas = Ecs['schemas'];

// seed 000 / 003, Example Requests
export const replace = {
  keypair_name: 'newkeypair1',
  server: { id: 'd76baba7-ef09-40a2-87ff-3eafec0696e7', auth: { type: 'keypair', key: '-----BEGINRSAPRIVATEKEY-----M...' } },
} satisfies KpsSchemas['AssociateKeypairRequestBody'];
export const reset = {
  keypair_name: 'newkeypair2',
  server: { id: 'd76baba7-ef09-40a2-87ff-3eafec0696e7' },
} satisfies KpsSchemas['AssociateKeypairRequestBody'];
// seed 001, Example Requests
export const batch = {
  batch_keypairs: [
    { keypair_name: '1', server: { id: 'fxxx16e3-74b8-4025-9852-1f451932c20c', disable_password: false, auth: { type: 'password', key: 'password' } } },
    { keypair_name: '1', server: { id: '4xxxxfc4-b4bf-49c2-b983-a1811c9760c1', disable_password: false, auth: { type: 'password', key: 'password' } } },
  ],
} satisfies KpsSchemas['BatchAssociateKeypairRequestBody'];
// seed 003 and 001, Example Responses
export const delivered = { task_id: 'aee8d2fe-5484-4753-9177-5a38dc15546c' } satisfies KpsSchemas['AssociateKeypairResponseBody'];
export const tasks = {
  tasks: [
    { server_id: 'xxx', task_id: 'xxx', status: 'SUCCESS' },
    { server_id: 'xxx', status: 'Failed', error_code: 'xxxx', error_msg: 'xxxx' },
  ],
} satisfies KpsSchemas['BatchAssociateKeypairResponseBody'];
export const kpsError = { error_code: 'KPS.XXX', error_msg: 'XXX' } satisfies KpsSchemas['KpsErrorFlat'];
// seed 002, 请求示例 (logical request) and 返回示例
export const attach = {
  KeyPairName: 'ssh_key_pair1',
  InstanceIds: ['i-ahipakt2gcg95jpv****', 'i-ahipakt2gdg95lbe****'],
} satisfies EcsSchemas['AttachKeyPairRequest'];
export const attached = {
  ResponseMetadata: { RequestId: '202106111445100102252431000052****', Action: 'AttachKeyPair', Version: '2020-04-01', Service: 'ecs', Region: 'cn-beijing' },
  Result: {
    OperationDetails: [
      { InstanceId: 'i-ahipakt2gcg95jpv****', Error: null },
      { InstanceId: 'i-ahipakt2gdg95lbe****', Error: { Code: 'InvalidInstance.NotFound', Message: 'The specified instance does not exist.' } },
    ],
  },
} satisfies EcsSchemas['AttachKeyPairSuccess'];

// Misspelt members and wrong types are compile errors.
export const misspeltKeypairName = {
  // @ts-expect-error keypairName is not a member: the wire name is keypair_name
  keypairName: 'newkeypair1',
  server: { id: 'd76baba7' },
} satisfies KpsSchemas['AssociateKeypairRequestBody'];
export const misspeltInstanceIds = {
  // @ts-expect-error InstanceId is not a member: the member is InstanceIds
  InstanceId: ['i-1'],
  KeyPairName: 'k',
} satisfies EcsSchemas['AttachKeyPairRequest'];
export const badAuthType = {
  keypair_name: 'k',
  // @ts-expect-error auth.type is password or keypair
  server: { id: 's', auth: { type: 'foo' } },
} satisfies KpsSchemas['AssociateKeypairRequestBody'];
export const stringPort = {
  keypair_name: 'k',
  // @ts-expect-error port is a number
  server: { id: 's', port: '22' },
} satisfies KpsSchemas['AssociateKeypairRequestBody'];
export const errorInSuccess = {
  // @ts-expect-error a success envelope has no ResponseMetadata.Error
  ResponseMetadata: { RequestId: 'r', Service: 'ecs', Region: 'cn-beijing', Error: { Code: 'x', Message: 'y' } },
  Result: { OperationDetails: [] },
} satisfies EcsSchemas['AttachKeyPairSuccess'];
