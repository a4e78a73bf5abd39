/**
 * Bench settings. From the environment: BENCH_SECONDS (measured duration), BENCH_OPS (a subset, for
 * profiling), BENCH_PRISM_LOG (Prism's -v; default `info`, Prism's own default).
 */
export interface BenchConfig {
  readonly connections: number;
  readonly warmupSeconds: number;
  readonly seconds: number;
  /** How long a target may take to start answering. */
  readonly startTimeoutMs: number;
  /** Operation names (or their prefixes) to run; empty runs all. */
  readonly only: readonly string[];
  readonly prismLogLevel: string;
}

const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'];

export function benchConfig(env: NodeJS.ProcessEnv = process.env): BenchConfig {
  const raw = env.BENCH_SECONDS;
  const seconds = raw === undefined || raw === '' ? 5 : Number(raw);
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 120) {
    throw new Error(`BENCH_SECONDS=${raw} is not a whole number of seconds from 1 to 120.`);
  }
  const only = (env.BENCH_OPS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const prismLogLevel = env.BENCH_PRISM_LOG || 'info';
  if (!LOG_LEVELS.includes(prismLogLevel)) throw new Error(`BENCH_PRISM_LOG=${prismLogLevel} is not one of ${LOG_LEVELS.join(', ')}.`);
  return { connections: 50, warmupSeconds: 1, seconds, startTimeoutMs: 60_000, only, prismLogLevel };
}
