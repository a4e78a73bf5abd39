// The two halves of an HTTP exchange, as the transport and the client wire both record them
// (exchange.ts builds its Exchange on them; the wire's attempts, which an Exchange holds, use them too).

/** A request as it went on the wire. */
export interface SentRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

/** What came back; `json` is set when the body parsed as JSON. */
export interface ReceivedResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly text: string;
  readonly json?: unknown;
}
