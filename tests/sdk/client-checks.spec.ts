import { test, expect } from '@playwright/test';
import type { Case } from '../../src/engine/cases/case.ts';
import { retrySafety, surfacesOutcome, wireJudgements } from '../../src/engine/run/sdk/client-checks.ts';
import type { WireAttempt } from '../../src/engine/transport/client-wire.ts';
import type { ReceivedResponse } from '../../src/engine/transport/exchange.ts';
import { resolveMockOptions } from '../../src/mock/index.ts';
import { huaweiSdkHmacSha256, volcengineHmacSha256 } from '../../src/signing/index.ts';
import { mockTarget } from '../_helpers/mock-target.ts';

// The client rules on single calls, with requests made by hand: each check holds on a correct request
// and fails the one defect it is for.

const target = mockTarget({ url: 'http://127.0.0.1:9', options: resolveMockOptions() });
const hw = target.huaweicloud!;
const hwCreds = hw.credentials as { accessKey: string; secretKey: string };
const volc = target.volcengine!;
const kps: Case = { id: 'k', title: 'k', source: 'model', operation: 'kps.associate', request: { body: {} }, expect: { kind: 'any', rules: [] } };
const ecs: Case = { id: 'e', title: 'e', source: 'model', operation: 'ecs.attach-key-pair', request: { logical: {} }, expect: { kind: 'any', rules: [] } };
const origin = 'http://127.0.0.1:41000';

function attempt(
  signed: { url: string; headers: Record<string, string>; body?: Uint8Array },
  sentBody = signed.body,
  extra: Partial<WireAttempt> = {},
): WireAttempt {
  const headers = Object.fromEntries(Object.entries({ ...signed.headers, host: new URL(signed.url).host }).map(([k, v]) => [k.toLowerCase(), v]));
  const bytes = Buffer.from(sentBody ?? []);
  return {
    cloud: undefined,
    request: { method: signed.url.includes('Action=') ? 'GET' : 'POST', url: signed.url, headers, ...(bytes.length ? { body: bytes.toString('utf8') } : {}) },
    rawHeaders: [],
    bodyBytes: bytes,
    chunked: false,
    answeredBy: 'target',
    ...extra,
  };
}
const huaweiSigned = (body: string, options: Partial<Parameters<typeof huaweiSdkHmacSha256>[1]> = {}) =>
  huaweiSdkHmacSha256(
    { method: 'POST', url: `${origin}/v3/${hw.projectId}/keypairs/associate`, headers: { 'content-type': 'application/json' }, body },
    { ...hwCreds, projectId: hw.projectId, ...options },
  );
const volcSigned = (query: string, options: Partial<Parameters<typeof volcengineHmacSha256>[1]> = {}) =>
  volcengineHmacSha256({ method: 'GET', url: `${origin}/?${query}` }, { ...volc.credentials, region: volc.region, service: 'ecs', ...options });
const outcomeOf = (js: ReturnType<typeof wireJudgements>) => js.map((j) => [j.rule, j.failure ? j.failure.title : 'held']);

test('client.signature and client.project-id hold on a correctly signed Huawei request, over the bytes sent', () => {
  const body = '{"keypair_name": "kp", "server": {"id": "s"}}'; // Python's spacing: the bytes signed are the bytes sent
  expect(outcomeOf(wireJudgements(kps, attempt(huaweiSigned(body)), target))).toEqual([
    ['client.signature', 'held'],
    ['client.project-id', 'held'],
  ]);
});

test('client.signature fails a body other than the one signed, and a stale X-Sdk-Date', () => {
  const signed = huaweiSigned('{"a":1}');
  expect(outcomeOf(wireJudgements(kps, attempt(signed, Buffer.from('{"a": 1}')), target))[0]).toEqual([
    'client.signature',
    "The client's signature does not verify (bad-signature)",
  ]);
  const stale = huaweiSigned('{}', { date: new Date(Date.now() - 20 * 60_000) });
  expect(outcomeOf(wireJudgements(kps, attempt(stale), target))[0]).toEqual(['client.signature', "The client's signature does not verify (stale-date)"]);
});

test("client.project-id fails a missing X-Project-Id and one that is not the path's", () => {
  const none = huaweiSdkHmacSha256(
    { method: 'POST', url: `${origin}/v3/${hw.projectId}/keypairs/associate`, headers: { 'content-type': 'application/json' }, body: '{}' },
    hwCreds,
  );
  expect(outcomeOf(wireJudgements(kps, attempt(none), target))[1]).toEqual(['client.project-id', 'The client sent no X-Project-Id']);
  const other = huaweiSigned('{}', { projectId: 'another-project' });
  expect(outcomeOf(wireJudgements(kps, attempt(other), target))[1]).toEqual(['client.project-id', "X-Project-Id is not the path's project_id"]);
});

test('client.signature holds on a Volcengine request scoped to the endpoint, and fails another region or service', () => {
  const q = 'Action=AttachKeyPair&Version=2020-04-01&InstanceIds.1=i-1&KeyPairName=k';
  expect(outcomeOf(wireJudgements(ecs, attempt(volcSigned(q)), target))).toEqual([['client.signature', 'held']]);
  expect(outcomeOf(wireJudgements(ecs, attempt(volcSigned(q, { region: 'cn-shanghai' })), target))).toEqual([
    ['client.signature', 'The client signed for another scope'],
  ]);
  expect(outcomeOf(wireJudgements(ecs, attempt(volcSigned(q, { service: 'ec2' })), target))).toEqual([
    ['client.signature', 'The client signed for another scope'],
  ]);
});

test('client.retry-safe: an AttachKeyPair resend keeps its ClientToken; a Huawei bind is resent only after a 429', () => {
  const fault = (status: number): Partial<WireAttempt> => ({
    answeredBy: 'fault',
    fault: { kind: 'status', status: status as 500 },
    response: { status, headers: {}, text: '' },
  });
  const withToken = attempt(volcSigned('Action=AttachKeyPair&ClientToken=t-1&Version=2020-04-01'), undefined, fault(500));
  const sameToken = attempt(volcSigned('Action=AttachKeyPair&ClientToken=t-1&Version=2020-04-01'));
  const noToken = attempt(volcSigned('Action=AttachKeyPair&Version=2020-04-01'));
  expect(retrySafety(ecs, [withToken, sameToken])?.failure).toBeUndefined();
  expect(retrySafety(ecs, [withToken, noToken])?.failure?.title).toBe('The client resent AttachKeyPair with another ClientToken');
  const bind = (extra: Partial<WireAttempt>) => attempt(huaweiSigned('{}'), undefined, extra);
  expect(retrySafety(kps, [bind(fault(429)), bind({})])?.failure).toBeUndefined();
  expect(retrySafety(kps, [bind(fault(503)), bind({})])?.failure?.title).toBe('The client resent a Huawei bind after a 5xx or a reset');
  expect(retrySafety(kps, [bind({ answeredBy: 'fault', fault: { kind: 'reset' }, error: 'reset' }), bind({})])?.failure?.title).toBe(
    'The client resent a Huawei bind after a 5xx or a reset',
  );
  expect(retrySafety(kps, [bind(fault(500))])?.variant).toBe('not resent');
});

test('client.surfaces-outcome: an error keeps its status, code and message (nested KPS bodies too); a success keeps every entry', () => {
  const answer = (status: number, json: unknown): ReceivedResponse => ({ status, headers: {}, text: JSON.stringify(json), json });
  const nested = answer(400, { error: { error_code: 'KPS.0002', error_msg: 'parameter error' } });
  expect(surfacesOutcome(kps, { ok: false, status: 400, code: 'KPS.0002', message: 'parameter error' }, nested).failure).toBeUndefined();
  expect(surfacesOutcome(kps, { ok: false, status: 400, message: 'Request failed' }, nested).failure?.received).toMatch(/code KPS.0002/);
  expect(surfacesOutcome(kps, { ok: false, code: 'KPS.0002', message: 'parameter error' }, nested).failure?.received).toMatch(/status 400 \(got none\)/);
  expect(surfacesOutcome(kps, { ok: true, data: {} }, nested).failure?.title).toMatch(/as a success/);
  const taskList = {
    tasks: [
      { server_id: 'a', task_id: 't' },
      { server_id: 'b', status: 'FAILED', error_code: 'KPS.0002', error_msg: 'x' },
    ],
  };
  const tasks = answer(202, taskList);
  expect(surfacesOutcome({ ...kps, operation: 'kps.batch-associate' }, { ok: true, data: taskList }, tasks).failure).toBeUndefined();
  expect(surfacesOutcome({ ...kps, operation: 'kps.batch-associate' }, { ok: true, data: { tasks: [taskList.tasks[0]] } }, tasks).failure?.title).toBe(
    'The client dropped or changed part of a success',
  );
  const volcError = answer(404, { ResponseMetadata: { RequestId: 'r', Error: { Code: 'InvalidKeyPair.NotFound', Message: 'm' } } });
  expect(surfacesOutcome(ecs, { ok: false, status: 404, code: 'InvalidKeyPair.NotFound', message: 'm' }, volcError).failure).toBeUndefined();
  const detailsEnvelope = {
    ResponseMetadata: { RequestId: 'r' },
    Result: {
      OperationDetails: [
        { InstanceId: 'i-1', Error: null },
        { InstanceId: 'i-2', Error: { Code: 'InvalidInstance.NotFound', Message: 'm' } },
      ],
    },
  };
  const details = answer(200, detailsEnvelope);
  expect(surfacesOutcome(ecs, { ok: true, data: detailsEnvelope.Result }, details).failure).toBeUndefined();
  expect(surfacesOutcome(ecs, { ok: true, data: { OperationDetails: [{ InstanceId: 'i-1' }, { InstanceId: 'i-2' }] } }, details).failure?.title).toBe(
    'The client dropped or changed part of a success',
  );
  expect(surfacesOutcome(ecs, { ok: true, data: {} }, undefined).failure?.title).toMatch(/got no answer/);
});
