import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import nock from 'nock';
import type { SdkAdapter, SdkOutcome } from '../../sdk/sdk-adapter.ts';
import type { Case } from '../cases/case.ts';
import type { ResolvedTarget } from '../target/resolved-target.ts';
import type { Exchange, ReceivedResponse, SentRequest } from './exchange.ts';

/** Hosts the SDK is pointed at; nock intercepts them, so nothing leaves the process unchecked. */
const FAKE = { huaweicloud: 'https://kps.sdk-under-test.invalid', volcengine: 'https://ecs.sdk-under-test.invalid' } as const;

/** What the interceptor saw of one SDK call: the SDK's own request and the target's raw answer. */
interface Captured {
  request?: SentRequest;
  raw?: ReceivedResponse;
  /** A scripted answer to give the SDK instead of forwarding (response-handling cases). */
  script?: ScriptedAnswer;
}

/** A documented answer the interceptor gives the SDK as it is. */
export interface ScriptedAnswer {
  readonly status: number;
  readonly body: unknown;
}

/**
 * Sends cases through an SDK adapter instead of the suite's own HTTP client. The SDK's HTTP goes to a
 * fake host that nock intercepts; each request is forwarded as it is (headers, Host and signature
 * included) to the target, and the target's answer goes back to the SDK. The exchange the checks judge
 * is the SDK's request and what the SDK made of the answer (its outcome, put back in the cloud's shape),
 * so an SDK that drops an InstanceIds.N or swallows an error code fails the rules that describe them.
 */
export class SdkTransport {
  private current: Captured = {};
  /** SDK calls go one at a time: the interceptor cannot tell which call a request belongs to. */
  private queue: Promise<unknown> = Promise.resolve();

  private sent = 0;

  /** Requests the SDK sent (each forwarded to the target). */
  get requestsSent(): number {
    return this.sent;
  }

  constructor(
    private readonly adapter: SdkAdapter,
    private readonly target: ResolvedTarget,
    private readonly onSend: () => void = () => {},
  ) {
    // One SDK under test per process: earlier interceptors (of another run) would record into another transport.
    nock.cleanAll();
    nock.enableNetConnect((host) => !host.endsWith('.invalid') && !host.endsWith('.invalid:443'));
    for (const [cloud, origin] of Object.entries(FAKE) as [keyof typeof FAKE, string][]) {
      const real = target[cloud]?.endpoint;
      if (!real) continue;
      const forward = this.forwarder(real, origin);
      nock(origin).persist().get(/.*/).reply(forward).post(/.*/).reply(forward);
    }
  }

  /** Whether the SDK can send this case at all (an SDK signs every request and serialises objects). */
  canSend(c: Case): boolean {
    const auth = c.request.auth ?? 'default';
    if (!['default', 'wrong-secret', 'unknown-access-key'].includes(auth)) return false;
    if (c.request.rawBody !== undefined || c.request.fixed !== undefined || c.request.extraQuery !== undefined) return false;
    if (c.operation === 'kps.associate') return this.adapter.associateKeypair !== undefined;
    if (c.operation === 'kps.batch-associate') return this.adapter.batchAssociateKeypair !== undefined;
    if (c.operation === 'ecs.attach-key-pair') return this.adapter.attachKeyPair !== undefined;
    return false;
  }

  send(c: Case): Promise<Exchange> {
    const result = this.queue.then(() => this.sendNow(c));
    this.queue = result.catch(() => undefined);
    return result;
  }

  /**
   * Sends a case through the SDK, but answers it with `answer` instead of the target's: what does the
   * SDK make of each documented response? Returns the SDK's raw outcome.
   */
  sendScripted(c: Case, answer: ScriptedAnswer): Promise<{ outcome: SdkOutcome; sent: boolean }> {
    const result = this.queue.then(async () => {
      this.current = { script: answer };
      const outcome = await this.call(c).catch((error: Error): SdkOutcome => ({ ok: false, message: `the adapter threw: ${error.message}` }));
      return { outcome, sent: this.current.request !== undefined };
    });
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async sendNow(c: Case): Promise<Exchange> {
    const started = performance.now();
    this.current = {};
    // An adapter that throws is a finding about the adapter, not a crash of the run.
    const outcome = await this.call(c).catch((error: Error): SdkOutcome => ({ ok: false, message: `the adapter threw: ${error.message}` }));
    const { request, raw } = this.current;
    if (!request || !raw) return { request: request ?? { method: '?', url: '(not sent)', headers: {} }, error: `the SDK sent nothing (${describe(outcome)})`, throttled: [], ms: performance.now() - started };
    return { request, response: asAnswer(c, outcome, raw), throttled: [], ms: performance.now() - started, viaSdk: true };
  }

  private call(c: Case): Promise<SdkOutcome> {
    const auth = c.request.auth ?? 'default';
    const wrongSecret = auth === 'wrong-secret' ? '-wrong' : '';
    const wrongKey = auth === 'unknown-access-key' ? 'UNKNOWN' : '';
    if (c.operation === 'ecs.attach-key-pair') {
      const v = this.target.volcengine!;
      const env = { endpoint: FAKE.volcengine, region: v.region, accessKey: v.credentials.accessKey + wrongKey, secretKey: v.credentials.secretKey + wrongSecret };
      return this.adapter.attachKeyPair!(c.request.logical as never, env);
    }
    const h = this.target.huaweicloud!;
    const creds = h.credentials.kind === 'aksk' ? h.credentials : { accessKey: '', secretKey: '' };
    const env = { endpoint: FAKE.huaweicloud, projectId: h.projectId, region: h.region, accessKey: creds.accessKey + wrongKey, secretKey: creds.secretKey + wrongSecret };
    return c.operation === 'kps.associate' ? this.adapter.associateKeypair!(c.request.body as never, env) : this.adapter.batchAssociateKeypair!(c.request.body as never, env);
  }

  /** nock's reply: record the SDK's request, forward it byte for byte, record and return the answer. */
  private forwarder(real: string, origin: string) {
    const self = this;
    return async function (this: nock.ReplyFnContext, uri: string, body: nock.Body): Promise<nock.ReplyFnResult> {
      const headers = Object.fromEntries(Object.entries(this.req.headers).map(([k, v]) => [k, String(v)]));
      // nock hands over a JSON body parsed; serialised again it is the SDK's bytes (JSON.stringify both ways).
      const json = /json/i.test(headers['content-type'] ?? '');
      const text = body === undefined || body === '' ? undefined : json ? JSON.stringify(body) : String(body);
      if (text !== undefined) headers['content-length'] = String(Buffer.byteLength(text));
      self.current.request = { method: this.req.method, url: origin + uri, headers, ...(text !== undefined ? { body: text } : {}) };
      self.sent++;
      self.onSend();
      const script = self.current.script;
      if (script) return [script.status, JSON.stringify(script.body), { 'content-type': 'application/json', 'x-request-id': 'scripted-request-id' }];
      const raw = await forward(new URL(real + uri), this.req.method, headers, text);
      self.current.raw = raw;
      return [raw.status, raw.text, raw.headers];
    };
  }
}

/** Sends a request to the target as it is (node:http keeps the Host header the SDK signed). */
function forward(url: URL, method: string, headers: Record<string, string>, body: string | undefined): Promise<ReceivedResponse> {
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const resHeaders = Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k, String(v)]));
        resolve({ status: res.statusCode ?? 0, headers: resHeaders, text, json: parse(text) });
      });
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** The answer as the SDK's caller sees it, in the cloud's shape, so the usual checks can judge it. */
function asAnswer(c: Case, outcome: SdkOutcome, raw: ReceivedResponse): ReceivedResponse {
  const huawei = c.operation.startsWith('kps.');
  const rawBody = (raw.json ?? {}) as Record<string, any>;
  let body: unknown;
  const headers = { ...raw.headers };
  if (outcome.ok) {
    body = huawei ? outcome.data : { ResponseMetadata: { ...rawBody.ResponseMetadata, RequestId: outcome.requestId ?? rawBody.ResponseMetadata?.RequestId }, Result: outcome.data };
  } else if (huawei) {
    body = { error_code: outcome.code, error_msg: outcome.message };
    if (outcome.requestId) headers['x-request-id'] = outcome.requestId;
  } else {
    body = { ResponseMetadata: { ...rawBody.ResponseMetadata, RequestId: outcome.requestId, Error: { Code: outcome.code, Message: outcome.message } } };
  }
  const text = JSON.stringify(body) ?? '';
  return { status: outcome.status ?? raw.status, headers, text, json: body };
}

function parse(text: string): unknown {
  try {
    return text === '' ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}

function describe(outcome: SdkOutcome): string {
  return outcome.ok ? 'it returned data' : `it failed: ${outcome.code ?? ''} ${outcome.message ?? ''}`.trim();
}
