import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';

/**
 * CPU placement: the load generator (this process) on CPU 0, every server on CPU 1, so each measurement
 * runs in the same placement. Unpinned, the scheduler sometimes puts server and load generator on one
 * core and sometimes not, and the bare server's req/s then swings between ~40k and ~80k from run to run.
 * Needs `taskset` and 2+ cores; BENCH_PIN=0 turns it off.
 */
export interface Pinning {
  readonly enabled: boolean;
  readonly why: string;
  /** Prefix for a server's command line: ['taskset', '-c', '1'] or []. */
  readonly serverPrefix: readonly string[];
}

export function pinLoadGenerator(env: NodeJS.ProcessEnv = process.env): Pinning {
  const off = (why: string): Pinning => ({ enabled: false, why, serverPrefix: [] });
  if (env.BENCH_PIN === '0') return off('off (BENCH_PIN=0)');
  if (availableParallelism() < 2) return off('off (fewer than 2 cores)');
  try {
    execFileSync('taskset', ['-apc', '0', String(process.pid)], { stdio: 'ignore' });
  } catch {
    return off('off (taskset not available)');
  }
  return { enabled: true, why: 'load generator on CPU 0, servers on CPU 1', serverPrefix: ['taskset', '-c', '1'] };
}
