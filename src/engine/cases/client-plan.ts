/** A documented answer given to a client under test as it is, instead of the target's. */
export interface ScriptedAnswer {
  readonly status: number;
  readonly body: unknown;
}

/** What goes wrong with one attempt of a client's call, on purpose (fault schedules, `client.retry-safe`). */
export type WireFault =
  | { readonly kind: 'status'; readonly status: 429 | 500 | 502 | 503 | 504 }
  /** The connection is destroyed before any answer. */
  | { readonly kind: 'reset' }
  /** No answer until the client gives up (it closes the connection), or `holdMs` pass and it is reset. */
  | { readonly kind: 'timeout'; readonly holdMs: number };

/**
 * How a client's call is answered (SDK mode): each attempt forwarded to the target, or scripted. A case
 * carries its plan, so `replay` answers a failed call the way the run did.
 */
export type ClientPlan =
  | { readonly kind: 'forward' }
  | { readonly kind: 'script'; readonly answer: ScriptedAnswer }
  /** Attempt i gets faults[i]; attempts after the last fault get `then`. Nothing reaches the target. */
  | { readonly kind: 'faults'; readonly faults: readonly WireFault[]; readonly then: ScriptedAnswer };
