import type { Case } from '../cases/case.ts';

/**
 * One recorded exchange, in nock's definition format (`nock.define(entries)` loads a cassette's
 * exchanges) plus the case it answered, so it can be judged again offline.
 */
export interface CassetteEntry {
  readonly scope: string;
  readonly method: string;
  readonly path: string;
  readonly body?: string;
  readonly status: number;
  readonly response: unknown;
  readonly rawHeaders: string[];
  /** 429 answers the suite backed off from before this one (status, body), when there were any. */
  readonly throttled?: readonly { readonly status: number; readonly response: unknown; readonly rawHeaders: string[] }[];
  readonly case: Case;
}

/** A case that got no HTTP answer, and where in the run it was sent. */
export interface UnansweredEntry {
  readonly at: number;
  readonly case: Case;
  readonly error: string;
}

/** A cloud's recorded run: the target file it ran against (credentials are only variable names there). */
export interface Cassette {
  readonly tool: 'keypair-conformance-cassette';
  readonly cloud: string;
  readonly recordedAt: string;
  readonly seed: number;
  /** Generated cases per property, the nonce its unique values began with, and whether every property
   * sent all its cases unshrunk (a fidelity recording); absent in cassettes written before fidelity. */
  readonly runs?: number;
  readonly nonce?: string;
  readonly exhaustive?: boolean;
  readonly target: Record<string, unknown>;
  readonly exchanges: CassetteEntry[];
  /**
   * Cases the target gave no HTTP answer to (reset, timeout), each before the exchange at index `at`:
   * kept apart, since nock cannot replay a missing answer, and compared by fidelity as "no answer".
   */
  readonly unanswered?: readonly UnansweredEntry[];
}
