import type { Cloud } from '../operations.ts';

/** A server under test, running in its own process so it does not share the load generator's CPU. */
export interface Target {
  readonly name: 'bare' | 'mock' | 'prism';
  /** Base URL per cloud (the mock and the bare server serve both; Prism runs one process per spec). */
  readonly urls: Partial<Record<Cloud, string>>;
  /** Why a cloud has no URL (Prism did not start). */
  readonly failures: Partial<Record<Cloud, string>>;
  stop(): Promise<void>;
}

/** How to start a target: where, how long to wait, and what to put before `node` (CPU pinning). */
export interface StartOptions {
  readonly cwd: string;
  readonly timeoutMs: number;
  readonly prefix: readonly string[];
}
