import { test, expect } from '@playwright/test';
import { ClientBuilder } from '@huaweicloud/huaweicloud-sdk-core/ClientBuilder.js';
import { BasicCredentials } from '@huaweicloud/huaweicloud-sdk-core/auth/BasicCredentials.js';
import type { ServiceResponseException } from '@huaweicloud/huaweicloud-sdk-core/exception/ServiceResponseException.js';
import type { SdkResponse } from '@huaweicloud/huaweicloud-sdk-core/SdkResponse.js';
import { Service } from '@volcengine/openapi';
import { DEFAULT_CREDENTIALS, startMock, type RunningMock } from '../../src/mock/index.ts';
import type { components } from '../../generated/huaweicloud-kps.ts';
import { FIX, PROJECT } from '../_helpers/mock-client.ts';

type Kps = components['schemas'];

// Requests signed by the official SDKs are accepted by the mock: their signers sign other header sets
// than ours, and the mock rebuilds the canonical request from what each one named.

let mock: RunningMock;
test.beforeAll(async () => {
  mock = await startMock();
});
test.afterAll(async () => mock.close());

function huaweiClient(secretKey = DEFAULT_CREDENTIALS.huawei.secretKey) {
  const credentials = new BasicCredentials().withAk(DEFAULT_CREDENTIALS.huawei.accessKey).withSk(secretKey).withProjectId(PROJECT);
  return new ClientBuilder((client) => client).withCredential(credentials).withEndpoint(mock.url).build();
}

function kpsCall(path: string, data: Kps['AssociateKeypairRequestBody'] | Kps['BatchAssociateKeypairRequestBody'] | undefined, method = 'POST') {
  return {
    method,
    url: `/v3/{project_id}${path}`,
    contentType: 'application/json;charset=UTF-8',
    pathParams: { project_id: PROJECT },
    queryParams: {},
    headers: {},
    data,
  };
}

test('@huaweicloud/huaweicloud-sdk-core: AssociateKeypair, BatchAssociateKeypair and ListKeypairTask are accepted', async () => {
  // Arrange
  const client = huaweiClient();
  // Act
  const single = await client.sendRequest<SdkResponse & Kps['AssociateKeypairResponseBody']>(
    kpsCall('/keypairs/associate', { keypair_name: 'kp-alpha', server: { id: FIX.running[100]! } }),
  );
  const batch = await client.sendRequest<SdkResponse & Kps['BatchAssociateKeypairResponseBody']>(
    kpsCall('/keypairs/batch-associate', { batch_keypairs: FIX.running.slice(101, 103).map((id) => ({ keypair_name: 'kp-alpha', server: { id } })) }),
  );
  const task = await client.sendRequest<SdkResponse & Kps['ListKeypairTaskResponseBody']>(kpsCall(`/tasks/${single.task_id}`, undefined, 'GET'));
  // Assert
  expect(single.httpStatusCode).toBe(202);
  expect(single.status).toBe('SUCCESS');
  expect(batch.tasks?.map((t) => t.status)).toEqual(['SUCCESS', 'SUCCESS']);
  expect(task.task_status).toMatch(/^(READY|RUNNING|SUCCESS)_RESET$/);
});

test('@huaweicloud/huaweicloud-sdk-core with a wrong SK gets the 401 APIGW.0301 it parses', async () => {
  const error = (await huaweiClient('wrong-secret')
    .sendRequest(kpsCall('/keypairs/associate', { keypair_name: 'kp-alpha', server: { id: FIX.running[104]! } }))
    .catch((e: unknown) => e)) as ServiceResponseException;
  expect(error.httpStatusCode).toBe(401);
  expect(error.errorCode).toBe('APIGW.0301');
  expect(error.requestId).toMatch(/^[0-9a-f]{32}$/);
});

/** The SDK's AttachKeyPair against the mock: a GET with the query, or `form` for a POSTed urlencoded body. */
function volcengineApi(secretKey = DEFAULT_CREDENTIALS.volcengine.secretKey, form = false) {
  const { host, protocol } = new URL(mock.url);
  const service = new Service({
    serviceName: 'ecs',
    defaultVersion: '2020-04-01',
    region: 'cn-beijing',
    host,
    protocol,
    accessKeyId: DEFAULT_CREDENTIALS.volcengine.accessKey,
    secretKey,
  });
  return service.createAPI<Record<string, string>, { OperationDetails: { InstanceId: string; Error: unknown }[] }>(
    'AttachKeyPair',
    form ? { method: 'POST', contentType: 'urlencode' } : { method: 'GET' },
  );
}

test("@volcengine/openapi: createAPI('AttachKeyPair') with flattened InstanceIds.N is accepted", async () => {
  // Act
  const answer = await volcengineApi()({
    'InstanceIds.1': FIX.instances('running')[0]!,
    'InstanceIds.2': FIX.instances('windows')[0]!,
    KeyPairName: 'ssh_key_pair',
    ClientToken: 'sdk-token-1',
  });
  // Assert
  expect(answer.ResponseMetadata.Error).toBeUndefined();
  expect(answer.ResponseMetadata).toMatchObject({ Action: 'AttachKeyPair', Version: '2020-04-01', Service: 'ecs', Region: 'cn-beijing' });
  expect(answer.Result?.OperationDetails.map((d) => d.InstanceId)).toEqual([FIX.instances('running')[0], FIX.instances('windows')[0]]);
});

test('@volcengine/openapi with a wrong SK gets SignatureDoesNotMatch', async () => {
  const answer = await volcengineApi('wrong')({ 'InstanceIds.1': 'i-running-000', KeyPairName: 'ssh_key_pair' });
  expect(answer.ResponseMetadata.Error?.Code).toBe('SignatureDoesNotMatch');
});

test('@volcengine/openapi: the same action POSTed as a form body is accepted', async () => {
  const api = volcengineApi(undefined, true);
  const answer = await api({ 'InstanceIds.1': FIX.instances('stopped')[0]!, KeyPairId: FIX.keyPairs[1]!.id });
  expect(answer.ResponseMetadata.Error).toBeUndefined();
  expect(answer.Result?.OperationDetails).toEqual([{ InstanceId: FIX.instances('stopped')[0], Error: null }]);
});
