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
  readonly case: Case;
}

/** A cloud's recorded run: the target file it ran against (credentials are only variable names there). */
export interface Cassette {
  readonly tool: 'keypair-conformance-cassette';
  readonly cloud: string;
  readonly recordedAt: string;
  readonly seed: number;
  readonly target: Record<string, unknown>;
  readonly exchanges: CassetteEntry[];
}
