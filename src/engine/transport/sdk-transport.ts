import type { SdkOutcome } from '../../sdk/sdk-adapter.ts';
import type { Case } from '../cases/case.ts';
import type { ResolvedTarget } from '../target/resolved-target.ts';
import { redact } from '../target/redact.ts';
import type { ClientPlan } from '../cases/client-plan.ts';
import { API_FAMILIES, cloudOfOperation, type Cloud } from '../../families/api-families.ts';
import { endpointsOf } from '../target/target-clouds.ts';
import { ClientWire, type WireAttempt } from './client-wire.ts';
import { clientCredential, clientSecrets } from './clients/client-credentials.ts';
import { ClientBroken, type ClientOperation, type ClientUnderTest, type CredentialChoice } from './clients/client-under-test.ts';
import type { ClientObservation, Exchange, ReceivedResponse } from './exchange.ts';

const OPERATION: Partial<Record<Case['operation'], ClientOperation>> = {
  'kps.associate': 'AssociateKeypair',
  'kps.batch-associate': 'BatchAssociateKeypair',
  'ecs.attach-key-pair': 'AttachKeyPair',
};

/** How long a client is told to wait for one HTTP answer (the harness protocol's timeoutMs). */
const CLIENT_HTTP_TIMEOUT_MS = 10_000;
/** How long a client is told to wait in a fault schedule's timeout. */
const FAULT_CLIENT_TIMEOUT_MS = 1000;

export interface SdkTransportOptions {
  /** How long one call may take before the client is called hung (`--case-timeout`). */
  readonly caseTimeoutMs?: number;
  /** Hears what the client wrote to its output streams, already redacted (client-output.log). */
  readonly onOutput?: (redacted: string) => void;
}

/**
 * Sends cases through a client under test (an in-process adapter or a harness program) instead of the
 * suite's own HTTP client. The client is pointed at a loopback `ClientWire` that records each request it
 * sends and passes it on byte for byte to the target; the target's answer goes back to the client, which
 * hands back its outcome. The exchange the checks judge is the client's own request and that outcome,
 * put back in the cloud's shape, so a client that drops an InstanceIds.N or swallows an error code fails
 * the rules that describe them; `exchange.client` keeps every attempt and what the client printed.
 */
export class SdkTransport {
  private wire: Promise<ClientWire> | undefined;
  /** Calls go one at a time: the wire tells attempts apart by the call they arrive in. */
  private queue: Promise<unknown> = Promise.resolve();
  private sent = 0;
  private readonly secrets: string[];

  constructor(
    readonly client: ClientUnderTest,
    private readonly target: ResolvedTarget,
    private readonly onSend: () => void = () => {},
    private readonly options: SdkTransportOptions = {},
  ) {
    this.secrets = clientSecrets(target);
  }

  /** Requests the client sent (each forwarded to the target, or answered by script). */
  get requestsSent(): number {
    return this.sent;
  }

  /** Whether the client can send this case at all (a client signs every request and serialises objects). */
  canSend(c: Case): boolean {
    const auth = c.request.auth ?? 'default';
    if (!['default', 'wrong-secret', 'unknown-access-key'].includes(auth)) return false;
    if (c.request.rawBody !== undefined || c.request.fixed !== undefined || c.request.extraQuery !== undefined) return false;
    const op = OPERATION[c.operation];
    return op !== undefined && this.client.operations.has(op);
  }

  /** Sends a case through the client to the target. */
  send(c: Case): Promise<Exchange> {
    return this.enqueue(async () => {
      const started = performance.now();
      const observation = await this.call(c, { kind: 'forward' });
      const { outcome, attempts } = observation;
      const last = [...attempts].reverse().find((a) => a.answeredBy === 'target');
      const first = attempts[0];
      const ms = performance.now() - started;
      if (!first)
        return {
          request: { method: '?', url: '(not sent)', headers: {} },
          error: `the client sent nothing (${describe(outcome)})`,
          throttled: [],
          ms,
          client: observation,
        };
      if (!last?.response)
        return { request: first.request, error: last?.error ?? `the client got no answer (${describe(outcome)})`, throttled: [], ms, client: observation };
      return { request: last.request, response: asAnswer(c, outcome, last.response), throttled: [], ms, viaSdk: true, client: observation };
    });
  }

  /**
   * Sends a case whose call the wire answers by the case's own plan (a script, a fault schedule), so
   * nothing reaches the target: what does the client make of each answer, does it retry safely?
   */
  sendPlanned(c: Case & { clientPlan: Exclude<ClientPlan, { kind: 'forward' }> }): Promise<Exchange> {
    const plan = c.clientPlan;
    // In a fault schedule's timeout the client is told to give up sooner, so a held answer costs little.
    const timeoutMs = plan.kind === 'faults' && plan.faults.some((f) => f.kind === 'timeout') ? FAULT_CLIENT_TIMEOUT_MS : CLIENT_HTTP_TIMEOUT_MS;
    return this.enqueue(async () => {
      const observation = await this.call(c, plan, timeoutMs);
      // The evidence of a failure: the client's first request and the answer it got.
      const first = observation.attempts[0];
      return {
        request: first?.request ?? { method: '?', url: '(not sent)', headers: {} },
        ...(first?.response ? { response: first.response } : { error: first?.error ?? 'the client sent nothing' }),
        throttled: [],
        ms: 0,
        client: observation,
      };
    });
  }

  /** Stops the wire (the client is its loader's to close). */
  async close(): Promise<void> {
    await this.queue;
    const wire = this.wire;
    this.wire = undefined;
    await (await wire)?.close();
  }

  private enqueue<T>(job: () => Promise<T>): Promise<T> {
    const result = this.queue.then(job);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async call(c: Case, plan: ClientPlan, clientTimeoutMs = CLIENT_HTTP_TIMEOUT_MS): Promise<ClientObservation> {
    const wire = await (this.wire ??= ClientWire.start(endpointsOf(this.target)));
    const cloud = cloudOfOperation(c.operation);
    const choice = (c.request.auth ?? 'default') as CredentialChoice;
    const credential = clientCredential(this.target, cloud, choice);
    const cloudTarget = this.target[cloud];
    const region = cloudTarget?.region ?? '';
    // A REST family's client is handed the JSON body; an RPC family's, the logical request it encodes.
    const request = API_FAMILIES[cloud].wireStyle === 'rest-json' ? c.request.body : c.request.logical;
    const projectId = cloudTarget && 'projectId' in cloudTarget ? { projectId: cloudTarget.projectId } : {};
    wire.begin(plan);
    const timeoutMs = this.options.caseTimeoutMs ?? 30_000;
    let timer: NodeJS.Timeout | undefined;
    const hung = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new ClientBroken(
              `the client ${this.client.name} did not finish case ${c.id} within ${timeoutMs} ms (--case-timeout). Fix the client, or give it more time.`,
            ),
          ),
        timeoutMs,
      );
    });
    const outcome = await Promise.race([
      this.client.call({ operation: OPERATION[c.operation]!, request, endpoint: wire.endpoint, region, ...projectId, credential, timeoutMs: clientTimeoutMs }),
      hung,
    ]).finally(() => clearTimeout(timer));
    const attempts = [...wire.recorded];
    this.sent += attempts.length;
    for (let i = 0; i < attempts.length; i++) this.onSend();
    return this.observe(outcome, attempts);
  }

  /** What the client printed, scanned for its secrets and the signatures it sent, then redacted. */
  private observe(outcome: SdkOutcome, attempts: readonly WireAttempt[]): ClientObservation {
    const raw = this.client.takeOutput();
    const signatures = attempts.map((a) => a.request.headers.authorization?.match(/Signature=([0-9a-fA-F]{16,})/)?.[1]).filter((s): s is string => !!s);
    const leaked = [
      ...this.secrets.filter((s) => raw.includes(s)).map(() => 'a secret key or token'),
      ...signatures.filter((s) => raw.includes(s)).map(() => 'a request signature'),
    ];
    const output = raw === '' ? '' : redact(raw, [...this.secrets, ...signatures, ...this.target.secrets]);
    if (output !== '') this.options.onOutput?.(output);
    return { outcome, attempts, output, leaked: [...new Set(leaked)] };
  }
}

/** The answer as the client's caller sees it, in the cloud's shape, so the usual checks can judge it. */
function asAnswer(c: Case, outcome: SdkOutcome, raw: ReceivedResponse): ReceivedResponse {
  const headers = { ...raw.headers };
  const body = IN_CLOUD_SHAPE[cloudOfOperation(c.operation)](outcome, raw, headers);
  const text = JSON.stringify(body) ?? '';
  return { status: outcome.status ?? raw.status, headers, text, json: body };
}

/** Each cloud's answer body for an outcome (a KPS error's request id goes in `headers`, as KPS sends it). */
const IN_CLOUD_SHAPE: Record<Cloud, (outcome: SdkOutcome, raw: ReceivedResponse, headers: Record<string, string>) => unknown> = {
  huaweicloud: (outcome, _raw, headers) => {
    if (outcome.ok) return outcome.data;
    if (outcome.requestId) headers['x-request-id'] = outcome.requestId;
    return { error_code: outcome.code, error_msg: outcome.message };
  },
  volcengine: (outcome, raw) => {
    const meta = ((raw.json ?? {}) as { ResponseMetadata?: Record<string, unknown> }).ResponseMetadata;
    if (outcome.ok) return { ResponseMetadata: { ...meta, RequestId: outcome.requestId ?? meta?.RequestId }, Result: outcome.data };
    return { ResponseMetadata: { ...meta, RequestId: outcome.requestId, Error: { Code: outcome.code, Message: outcome.message } } };
  },
};

function describe(outcome: SdkOutcome): string {
  return outcome.ok ? 'it returned data' : `it failed: ${outcome.code ?? ''} ${outcome.message ?? ''}`.trim();
}
