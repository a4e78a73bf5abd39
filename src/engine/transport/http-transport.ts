import { setTimeout as sleep } from 'node:timers/promises';
import type { Safety } from '../target/resolved-target.ts';
import { BudgetExhausted, RunInterrupted, TargetUnreachable } from './budget-exhausted.ts';
import type { Exchange, ReceivedResponse, SentRequest } from './exchange.ts';

/** Backoff for throttled answers: 50 ms doubling, at most 6 tries in all. */
const MAX_THROTTLE_RETRIES = 5;
/** After this many requests in a row with no HTTP answer the target is given up on, not waited for. */
const MAX_UNANSWERED_IN_A_ROW = 5;
/** A 5xx is retried only for a request the target deduplicates (a ClientToken): twice at most. */
const MAX_SERVER_ERROR_RETRIES = 2;

/**
 * Sends requests to a target within its safety limits: a per-request timeout, a request budget, pacing,
 * and backoff-and-retry on 429. A request that gets no HTTP answer (timeout, reset, refused) becomes an
 * Exchange with `error`, never an exception: a broken target is a finding, not a crash.
 */
export class HttpTransport {
  private sent = 0;
  private lifted = false;
  private unansweredInARow = 0;
  private answeredOnce = false;
  /** The end of the last request sent while the target was not answering (see `send`). */
  private probe: Promise<void> = Promise.resolve();
  private nextSlot = 0;

  constructor(
    private readonly safety: Safety,
    private readonly onSend: () => void = () => {},
    /** Plan mode: build every request, send none (`npx conformance plan`). */
    private readonly dryRun = false,
    /** True once the run is interrupted: no request is sent after, but the restore's. */
    private readonly interrupted: () => boolean = () => false,
  ) {}

  get requestsSent(): number {
    return this.sent;
  }

  /**
   * Sends one request. `idempotent` says the target deduplicates it (a Volcengine ClientToken), so a 5xx
   * may be retried; a Huawei bind never is, since a second bind is a second task.
   */
  async send(request: SentRequest | (() => SentRequest), idempotent = false): Promise<Exchange> {
    if (this.answering || this.dryRun) return this.sendNow(request, idempotent);
    // Until the target answers (at first, or after a request got no answer), requests go one at a
    // time, though a plan's parts run at once: a silent target is given up on after
    // MAX_UNANSWERED_IN_A_ROW requests, not after as many as were in flight, and the budget is not
    // spent on it first.
    const previous = this.probe;
    let done!: () => void;
    this.probe = new Promise((resolve) => (done = resolve));
    await previous;
    if (this.answering) {
      done();
      return this.sendNow(request, idempotent);
    }
    try {
      return await this.sendNow(request, idempotent);
    } finally {
      done();
    }
  }

  /** True while the target answers: it has answered, and its last request did not go unanswered. */
  private get answering(): boolean {
    return this.answeredOnce && this.unansweredInARow === 0;
  }

  private async sendNow(request: SentRequest | (() => SentRequest), idempotent: boolean): Promise<Exchange> {
    const started = performance.now();
    const throttled: ReceivedResponse[] = [];
    let serverErrors = 0;
    for (let attempt = 0; ; attempt++) {
      const wire = typeof request === 'function' ? request() : request;
      if (this.dryRun) return { request: wire, error: 'not sent (plan)', throttled, ms: 0 };
      await this.admit();
      try {
        const response = await this.fetchOnce(wire);
        if (response.status === 429 && attempt < MAX_THROTTLE_RETRIES) {
          throttled.push(response);
          await sleep(50 * 2 ** attempt);
          continue;
        }
        if (response.status >= 500 && idempotent && serverErrors < MAX_SERVER_ERROR_RETRIES) {
          await sleep(100 * 2 ** serverErrors++);
          continue;
        }
        this.unansweredInARow = 0;
        this.answeredOnce = true;
        return { request: wire, response, throttled, ms: performance.now() - started };
      } catch (error) {
        if (error instanceof BudgetExhausted) throw error;
        this.unansweredInARow++;
        return { request: wire, error: describe(error), throttled, ms: performance.now() - started };
      }
    }
  }

  /** Restoring fixtures after a run: its requests no longer count against safety.maxRequests. */
  lift(): void {
    this.lifted = true;
  }

  private async admit(): Promise<void> {
    if (!this.lifted && this.interrupted()) throw new RunInterrupted('the run was interrupted');
    if (this.unansweredInARow >= MAX_UNANSWERED_IN_A_ROW) {
      throw new TargetUnreachable(`the target stopped answering: ${this.unansweredInARow} requests in a row got no HTTP answer`);
    }
    if (!this.lifted && this.sent >= this.safety.maxRequests) throw new BudgetExhausted(`safety.maxRequests (${this.safety.maxRequests}) is spent`);
    this.sent++;
    this.onSend();
    if (this.safety.requestsPerSecond > 0) {
      const gap = 1000 / this.safety.requestsPerSecond;
      const now = performance.now();
      const slot = Math.max(now, this.nextSlot);
      this.nextSlot = slot + gap;
      if (slot > now) await sleep(slot - now);
    }
  }

  private async fetchOnce(wire: SentRequest): Promise<ReceivedResponse> {
    const response = await fetch(wire.url, {
      method: wire.method,
      headers: wire.headers,
      body: wire.body,
      signal: AbortSignal.timeout(this.safety.requestTimeoutMs),
      redirect: 'manual',
    });
    const text = await response.text();
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => (headers[name] = value));
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, headers, text, json };
  }
}

function describe(error: unknown): string {
  const e = error as Error & { cause?: { code?: string; message?: string } };
  if (e.name === 'TimeoutError') return 'no answer within safety.requestTimeoutMs';
  return [e.message, e.cause?.code ?? e.cause?.message].filter(Boolean).join(': ');
}
