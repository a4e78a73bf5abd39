import { cloudOfRequestTarget, UNCLAIMED_CLOUD, type Cloud } from '../../families/api-families.ts';
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { ClientPlan, ScriptedAnswer, WireFault } from '../cases/client-plan.ts';
import type { ReceivedResponse, SentRequest } from './http-message.ts';

export type { ClientPlan as WirePlan, ScriptedAnswer, WireFault } from '../cases/client-plan.ts';

/** One request the client sent, as it arrived, and what it was answered. */
export interface WireAttempt {
  readonly cloud: Cloud | undefined;
  /** The request as sent: headers in the client's order and case, the body's bytes as UTF-8 text. */
  readonly request: SentRequest;
  /** The headers as node:http read them (name, value, name, value…), in order. */
  readonly rawHeaders: readonly string[];
  /** The body's exact bytes. */
  readonly bodyBytes: Buffer;
  readonly chunked: boolean;
  readonly answeredBy: 'target' | 'script' | 'fault' | 'nothing';
  readonly fault?: WireFault;
  /** The answer the client got (the target's, or the script's). */
  readonly response?: ReceivedResponse;
  /** Why the client got no HTTP answer (a fault, or the target did not answer). */
  readonly error?: string;
}

/** Lower-case names, for the checks; the bytes keep the client's own spelling. */
function headerRecord(raw: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    out[name] = name in out ? `${out[name]}, ${raw[i + 1]}` : raw[i + 1]!;
  }
  return out;
}

/**
 * A loopback HTTP server a client under test is pointed at. Each request is recorded as it arrived and
 * passed on **byte for byte** to its cloud's target: the same method, request-target, headers (in order,
 * Host included, no Content-Length added) and body bytes, chunked when the client chunked. So a client
 * that signs its own serialisation (another JSON spacing, key order) is judged on what it really sent.
 * For scripted answers and fault schedules nothing reaches the target.
 */
export class ClientWire {
  private plan: ClientPlan = { kind: 'forward' };
  private attempts: WireAttempt[] = [];
  private readonly sockets = new Set<Socket>();
  private constructor(
    private readonly server: Server,
    private readonly targets: Partial<Record<Cloud, string>>,
    /** Hears every attempt as it completes (the proxy judges each one). */
    private readonly listener?: (attempt: WireAttempt) => void,
  ) {}

  /** Starts the wire on 127.0.0.1 (`port` 0: any free one). */
  static start(targets: Partial<Record<Cloud, string>>, options: { port?: number; listener?: (a: WireAttempt) => void } = {}): Promise<ClientWire> {
    // The handler runs only once a request arrives, by when `wire` is set.
    const server = createServer((req, res) => void wire.handle(req, res));
    const wire = new ClientWire(server, targets, options.listener);
    server.on('connection', (s) => {
      wire.sockets.add(s);
      s.on('close', () => wire.sockets.delete(s));
    });
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => resolve(wire));
    });
  }

  /** The endpoint to give the client: `http://127.0.0.1:<port>`. */
  get endpoint(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Starts recording a new call, answered by `plan`. */
  begin(plan: ClientPlan = { kind: 'forward' }): void {
    this.plan = plan;
    this.attempts = [];
  }

  /** The attempts of the call begun last. */
  get recorded(): readonly WireAttempt[] {
    return this.attempts;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const bodyBytes = Buffer.concat(chunks);
    const target = req.url ?? '/';
    const cloud = cloudOfRequestTarget(target);
    const headers = headerRecord(req.rawHeaders);
    const chunked = /chunked/i.test(headers['transfer-encoding'] ?? '');
    const request: SentRequest = {
      method: req.method ?? 'GET',
      url: `${this.endpoint}${target}`,
      headers,
      ...(bodyBytes.length > 0 ? { body: bodyBytes.toString('utf8') } : {}),
    };
    const base = { cloud, request, rawHeaders: req.rawHeaders, bodyBytes, chunked };
    const plan = this.plan;
    const index = this.attempts.length;
    const record = (a: WireAttempt) => {
      this.attempts.push(a);
      this.listener?.(a);
    };
    if (plan.kind === 'faults' && index < plan.faults.length) {
      const fault = plan.faults[index]!;
      if (fault.kind === 'status') {
        const answer = faultAnswer(cloud, fault.status);
        record({ ...base, answeredBy: 'fault', fault, response: answer });
        return void respond(res, answer);
      }
      record({ ...base, answeredBy: 'fault', fault, error: fault.kind === 'reset' ? 'reset by the fault schedule' : 'held unanswered by the fault schedule' });
      if (fault.kind === 'reset') return void req.socket.destroy();
      // A timeout: hold the answer; the client gives up first (it closes), or the hold ends in a reset.
      const timer = setTimeout(() => req.socket.destroy(), fault.holdMs);
      req.socket.once('close', () => clearTimeout(timer));
      return;
    }
    const script = plan.kind === 'script' ? plan.answer : plan.kind === 'faults' ? plan.then : undefined;
    if (script) {
      const answer = scripted(script);
      record({ ...base, answeredBy: 'script', response: answer });
      return void respond(res, answer);
    }
    const origin = cloud ? this.targets[cloud] : undefined;
    if (!origin) {
      const answer = {
        status: 404,
        headers: { 'content-type': 'application/json' },
        text: JSON.stringify({ error: `not a request of a checked cloud: ${req.method} ${target}` }),
      };
      record({ ...base, answeredBy: 'nothing', error: 'not routed: neither a KPS path (/v3/…) nor a Volcengine query (?Action=…)', response: answer });
      return void respond(res, answer);
    }
    try {
      const answer = await forward(new URL(origin + target), request.method, req.rawHeaders, bodyBytes);
      record({ ...base, answeredBy: 'target', response: answer });
      respond(res, answer);
    } catch (error) {
      record({ ...base, answeredBy: 'target', error: `the target gave no answer: ${(error as Error).message}` });
      req.socket.destroy();
    }
  }
}

function respond(res: ServerResponse, answer: ReceivedResponse): void {
  const headers = Object.fromEntries(
    Object.entries(answer.headers).filter(([k]) => !['content-length', 'transfer-encoding', 'connection', 'keep-alive'].includes(k.toLowerCase())),
  );
  res.writeHead(answer.status, headers);
  res.end(answer.text);
}

function scripted(answer: ScriptedAnswer): ReceivedResponse {
  const text = JSON.stringify(answer.body);
  return { status: answer.status, headers: { 'content-type': 'application/json', 'x-request-id': 'scripted-request-id' }, text, json: answer.body };
}

/** Each cloud's own error body for a throttled request (429) and for an internal error (5xx). */
const FAULT_BODIES: Record<Cloud, (throttled: boolean) => unknown> = {
  huaweicloud: (throttled) =>
    throttled
      ? { error_code: 'APIG.0308', error_msg: 'policy user over ratelimit,limit:10,time:1 second' }
      : { error_code: 'KPS.0003', error_msg: 'dependency unavailable' },
  volcengine: (throttled) => ({
    ResponseMetadata: {
      RequestId: 'fault-schedule',
      Action: 'AttachKeyPair',
      Version: '2020-04-01',
      Service: 'ecs',
      Region: '',
      Error: throttled
        ? { Code: 'FlowLimitExceeded', Message: 'Flow limit exceeded.' }
        : { CodeN: 100014, Code: 'InternalError', Message: 'The request processing has failed due to some unknown error.' },
    },
  }),
};

/** A fault status in the cloud's own error shape (throttling 429, an internal error 5xx). */
function faultAnswer(cloud: Cloud | undefined, status: number): ReceivedResponse {
  return scripted({ status, body: FAULT_BODIES[cloud ?? UNCLAIMED_CLOUD](status === 429) });
}

/** Passes a request on as it arrived: the client's headers (Host included) in order, the same bytes. */
function forward(url: URL, method: string, rawHeaders: readonly string[], body: Buffer): Promise<ReceivedResponse> {
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  // Connection is the wire's own business with each side; everything else goes as the client sent it.
  const headers: string[] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) if (!/^(connection|keep-alive)$/i.test(rawHeaders[i]!)) headers.push(rawHeaders[i]!, rawHeaders[i + 1]!);
  return new Promise((resolve, reject) => {
    const req = send(url, { method, headers: headers as unknown as Record<string, string>, setHost: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const resHeaders = Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k, String(v)]));
        resolve({ status: res.statusCode ?? 0, headers: resHeaders, text, json: parseJson(text) });
      });
    });
    req.setTimeout(30_000, () => req.destroy(new Error('no answer within 30 s')));
    req.on('error', reject);
    if (body.length > 0) req.write(body);
    req.end();
  });
}

function parseJson(text: string): unknown {
  try {
    return text === '' ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}
