import type { SdkOutcome } from '../../sdk/sdk-adapter.ts';
import type { WireAttempt } from './client-wire.ts';
import type { ReceivedResponse, SentRequest } from './http-message.ts';

export type { ReceivedResponse, SentRequest } from './http-message.ts';

/** One request and its final answer (after throttling retries), or the transport error instead. */
export interface Exchange {
  readonly request: SentRequest;
  readonly response?: ReceivedResponse;
  /** A network failure, timeout or reset: the target gave no HTTP answer. */
  readonly error?: string;
  /** Answers 429 that were backed off and retried before the final one. */
  readonly throttled: readonly ReceivedResponse[];
  readonly ms: number;
  /** The case could not be sent this way (SDK mode): there is nothing to judge. */
  readonly notSent?: true;
  /** Sent by an SDK under test: its request is checked on the wire as well. */
  readonly viaSdk?: true;
  /** Sent by a client under test: every attempt it made, its outcome and what it printed. */
  readonly client?: ClientObservation;
}

/** What a client under test did in one call: the client rules are judged on it. */
export interface ClientObservation {
  readonly outcome: SdkOutcome;
  /** Each request it sent, as it arrived at the wire, and what it was answered. */
  readonly attempts: readonly WireAttempt[];
  /** What it wrote to its output streams during the call, redacted. */
  readonly output: string;
  /** What it leaked there, in words (never the value): 'a secret key or token', 'a request signature'. */
  readonly leaked: readonly string[];
}
