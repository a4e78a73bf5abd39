import { expect } from '@playwright/test';
import { DEFAULT_CREDENTIALS, defaultFixtures, type RunningMock } from '../../../../src/mock/index.ts';
import { huaweiSdkHmacSha256, volcengineHmacSha256 } from '../../../../src/signing/index.ts';
import { send, type WireRequest } from './http-client.ts';
import { problemsWith } from './response-checks.ts';

export const FIXTURES = defaultFixtures();
export const PROJECT_ID = FIXTURES.projectId;
export const HW = DEFAULT_CREDENTIALS.huawei;
export const VOLC = DEFAULT_CREDENTIALS.volcengine;
export const VOLC_REGION = FIXTURES.volcengineRegion;
export const RUNNING_SERVERS = FIXTURES.huaweiServers.filter((s) => s.state === 'running' && s.keypair === undefined).map((s) => s.id);
export const RUNNING_INSTANCES = FIXTURES.volcengineInstances.filter((i) => i.kind === 'running').map((i) => i.id);
export const HW_KEYPAIR = FIXTURES.huaweiKeypairs[0]!;
export const VOLC_KEYPAIR = FIXTURES.volcengineKeyPairs[0]!;

/** A request before it is signed: `target` is the request-target, the host is added when signing. */
export interface Unsigned {
  readonly method: string;
  readonly target: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string | Uint8Array;
}

const HOST = 'http://127.0.0.1';

/** Signs with SDK-HMAC-SHA256 and the mock's Huawei AK/SK; `date`/`secretKey`/`accessKey` let a test break it. */
export function signHuawei(req: Unsigned, port: number, opts: { date?: Date; secretKey?: string; accessKey?: string } = {}): WireRequest {
  const signed = huaweiSdkHmacSha256(
    { method: req.method, url: `${HOST}:${port}${req.target}`, headers: req.headers, ...(req.body !== undefined ? { body: req.body } : {}) },
    { accessKey: opts.accessKey ?? HW.accessKey, secretKey: opts.secretKey ?? HW.secretKey, projectId: PROJECT_ID, ...(opts.date ? { date: opts.date } : {}) },
  );
  return toWire(signed.url, signed.method, signed.headers, req.body);
}

/** Signs with Volcengine HMAC-SHA256 and the mock's AK/SK for `ecs` (or the service/region a test names). */
export function signVolcengine(
  req: Unsigned,
  port: number,
  opts: { date?: Date; secretKey?: string; accessKey?: string; service?: string; region?: string } = {},
): WireRequest {
  const signed = volcengineHmacSha256(
    { method: req.method, url: `${HOST}:${port}${req.target}`, headers: req.headers, ...(req.body !== undefined ? { body: req.body } : {}) },
    {
      accessKey: opts.accessKey ?? VOLC.accessKey,
      secretKey: opts.secretKey ?? VOLC.secretKey,
      region: opts.region ?? VOLC_REGION,
      service: opts.service ?? 'ecs',
      ...(opts.date ? { date: opts.date } : {}),
    },
  );
  return toWire(signed.url, signed.method, signed.headers, req.body);
}

function toWire(url: string, method: string, headers: Record<string, string>, body: string | Uint8Array | undefined): WireRequest {
  const u = new URL(url);
  return { method, target: `${u.pathname}${u.search}`, headers, ...(body !== undefined ? { body } : {}) };
}

/** The AttachKeyPair query for `ids` and a key pair name, in the spec's wire encoding. */
export function attachTarget(ids: readonly string[], keyPairName: string, extra = ''): string {
  const idParams = ids.map((id, i) => `&InstanceIds.${i + 1}=${encodeURIComponent(id)}`).join('');
  return `/?Action=AttachKeyPair&Version=2020-04-01${idParams}&KeyPairName=${encodeURIComponent(keyPairName)}${extra}`;
}

/**
 * Proves the mock still works: a valid signed AssociateKeypair is accepted with a task id that can be
 * looked up, and a valid signed AttachKeyPair on a running instance succeeds for it. `serverIndex` picks
 * a running server and instance, so repeated calls do not depend on each other.
 */
export async function expectMockServesValidRequests(mock: RunningMock, serverIndex = 0): Promise<void> {
  const serverId = RUNNING_SERVERS[serverIndex % RUNNING_SERVERS.length]!;
  const instanceId = RUNNING_INSTANCES[serverIndex % RUNNING_INSTANCES.length]!;

  // Huawei: bind, then look the task up.
  const body = JSON.stringify({ keypair_name: HW_KEYPAIR, server: { id: serverId } });
  const bind = signHuawei({ method: 'POST', target: `/v3/${PROJECT_ID}/keypairs/associate`, headers: { 'Content-Type': 'application/json' }, body }, mock.port);
  const bound = await send(mock.port, bind, false, 5_000);
  expect(bound, 'a valid signed AssociateKeypair gets an answer').toMatchObject({ ok: true });
  if (!bound.ok) return;
  expect(problemsWith('huawei', bound), 'the AssociateKeypair answer').toEqual([]);
  expect(bound.status, `AssociateKeypair: ${bound.body}`).toBe(mock.options.huaweiSuccessStatus);
  const answer = JSON.parse(bound.body) as { task_id?: string; status?: string; server_id?: string };
  expect(answer).toMatchObject({ status: 'SUCCESS', server_id: serverId, task_id: expect.stringMatching(/.+/) });

  const lookup = signHuawei({ method: 'GET', target: `/v3/${PROJECT_ID}/tasks/${answer.task_id}`, headers: {} }, mock.port);
  const task = await send(mock.port, lookup, false, 5_000);
  expect(task.ok && task.status, `ListKeypairTask: ${task.ok ? task.body : task.error}`).toBe(200);
  if (task.ok) expect(JSON.parse(task.body)).toMatchObject({ task_id: answer.task_id, server_id: serverId, task_status: expect.any(String) });

  // Volcengine: attach one running instance.
  const attach = signVolcengine({ method: 'GET', target: attachTarget([instanceId], VOLC_KEYPAIR.name), headers: {} }, mock.port);
  const attached = await send(mock.port, attach, false, 5_000);
  expect(attached, 'a valid signed AttachKeyPair gets an answer').toMatchObject({ ok: true });
  if (!attached.ok) return;
  expect(problemsWith('volcengine', attached), 'the AttachKeyPair answer').toEqual([]);
  expect(attached.status, `AttachKeyPair: ${attached.body}`).toBe(200);
  expect(JSON.parse(attached.body)).toMatchObject({
    ResponseMetadata: { Action: 'AttachKeyPair', Version: '2020-04-01', Service: 'ecs', Region: VOLC_REGION },
    Result: { OperationDetails: [{ InstanceId: instanceId, Error: null }] },
  });
}
