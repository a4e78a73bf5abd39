// A correct client in Node, written for the tests: node:http and the suite's signers (checked against the
// published vectors in tests/signing/), JSON bodies serialised with two-space indentation (so its bytes
// differ from the suite's own), every outcome handed back whole: status, code and message of an error
// (flat or nested KPS bodies), the body or Result of a success. AttachKeyPair is resent after a 429, a 5xx,
// a reset or a timeout with the same query (ClientToken included); a Huawei bind only after a 429.
import { request as httpRequest } from 'node:http';
import type { components as Kps } from '../../../generated/huaweicloud-kps.ts';
import type { components as Ecs } from '../../../generated/volcengine-ecs.ts';
import { huaweiSdkHmacSha256, volcengineHmacSha256 } from '../../../src/signing/index.ts';
import type { SdkAdapter, SdkOutcome } from '../../../src/sdk/sdk-adapter.ts';

/** `json`: the body parsed, of whatever shape the server sent (undefined when it is not JSON). */
type Answer = { status: number; headers: Record<string, string>; json: unknown } | { error: 'reset' | 'timeout' };

/** A Volcengine envelope as this client reads it: the spec's members, any of them possibly missing. */
type Envelope = { ResponseMetadata?: Partial<Ecs['schemas']['ResponseMetadata']>; Result?: Ecs['schemas']['AttachKeyPairResult'] };

/** A KPS error in its flat form (the spec's KpsErrorFlat), at the top of the body or nested one member down. */
const isKpsError = (v: unknown): v is Kps['schemas']['KpsErrorFlat'] => typeof (v as { error_code?: unknown } | null | undefined)?.error_code === 'string';

function send(url: string, method: string, headers: Record<string, string>, body: Uint8Array | undefined): Promise<Answer> {
  return new Promise((resolve) => {
    const req = httpRequest(url, { method, headers, timeout: 1500 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k, String(v)])), json });
      });
      res.on('error', () => resolve({ error: 'reset' }));
    });
    req.on('timeout', () => {
      req.destroy();
      resolve({ error: 'timeout' });
    });
    req.on('error', () => resolve({ error: 'reset' }));
    if (body) req.write(body);
    req.end();
  });
}

async function withRetries(attempt: () => Promise<Answer>, retryOn: (a: Answer) => boolean): Promise<Answer> {
  let answer = await attempt();
  for (let i = 0; i < 2 && retryOn(answer); i++) answer = await attempt();
  return answer;
}

function huaweiOutcome(a: Answer): SdkOutcome {
  if ('error' in a) return { ok: false, message: `connection ${a.error}` };
  const requestId = a.headers['x-request-id'];
  if (a.status >= 200 && a.status < 300) return { ok: true, status: a.status, data: a.json, requestId };
  const flat = isKpsError(a.json) ? a.json : Object.values((a.json ?? {}) as object).find(isKpsError);
  return { ok: false, status: a.status, code: flat?.error_code, message: flat?.error_msg, requestId };
}

async function huaweiCall(env: Parameters<NonNullable<SdkAdapter['associateKeypair']>>[1], path: string, data: unknown): Promise<SdkOutcome> {
  const url = `${env.endpoint}/v3/${env.projectId}/keypairs/${path}`;
  const body = JSON.stringify(data, null, 2);
  const answer = await withRetries(
    () => {
      const signed = huaweiSdkHmacSha256(
        { method: 'POST', url, headers: { 'content-type': 'application/json' }, body },
        { accessKey: env.accessKey, secretKey: env.secretKey, projectId: env.projectId },
      );
      return send(signed.url, 'POST', signed.headers, signed.body);
    },
    (a) => !('error' in a) && a.status === 429,
  );
  return huaweiOutcome(answer);
}

const adapter: SdkAdapter = {
  name: 'correct-node-client (tests)',
  associateKeypair: (request, env) => huaweiCall(env, 'associate', request),
  batchAssociateKeypair: (request, env) => huaweiCall(env, 'batch-associate', request),
  async attachKeyPair(request, env) {
    const query = new URLSearchParams({ Action: 'AttachKeyPair', Version: '2020-04-01' });
    (request.InstanceIds ?? []).forEach((id, i) => query.set(`InstanceIds.${i + 1}`, id));
    for (const key of ['KeyPairName', 'KeyPairId', 'ClientToken'] as const) if (request[key] !== undefined) query.set(key, request[key]!);
    const url = `${env.endpoint}/?${query}`;
    const answer = await withRetries(
      () => {
        const signed = volcengineHmacSha256({ method: 'GET', url }, { accessKey: env.accessKey, secretKey: env.secretKey, region: env.region, service: 'ecs' });
        return send(signed.url, 'GET', signed.headers, undefined);
      },
      (a) => 'error' in a || a.status === 429 || a.status >= 500,
    );
    if ('error' in answer) return { ok: false, message: `connection ${answer.error}` };
    const envelope = answer.json as Envelope | undefined;
    const meta = envelope?.ResponseMetadata;
    if (meta?.Error) return { ok: false, status: answer.status, code: meta.Error.Code, message: meta.Error.Message, requestId: meta.RequestId };
    return { ok: true, status: answer.status, data: envelope?.Result, requestId: meta?.RequestId };
  },
};
export default adapter;
