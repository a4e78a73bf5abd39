import type { RunSettings } from '../run/engine-context.ts';

/**
 * How the CLI tells the Playwright workers what to run: environment variables, because Playwright
 * starts the workers and passes the environment on.
 */
export const RUN_ENV = {
  target: 'CONFORMANCE_TARGET',
  seed: 'CONFORMANCE_SEED',
  runs: 'CONFORMANCE_RUNS',
  strict: 'CONFORMANCE_STRICT',
  reportDir: 'CONFORMANCE_REPORT_DIR',
  /** Set when the CLI started the embedded mock: replay then starts one again. */
  embedded: 'CONFORMANCE_EMBEDDED_MOCK',
  /** Extra words for the report when only part of the run happens here (--only, --shard). */
  partial: 'CONFORMANCE_PARTIAL',
  /** '0' to leave the target as the run left it (the embedded mock, which is thrown away). */
  restore: 'CONFORMANCE_RESTORE',
  /** SDK mode: the adapter module's path. */
  adapter: 'CONFORMANCE_ADAPTER',
  /** SDK mode: the harness command (docs/harness-protocol.md). */
  harness: 'CONFORMANCE_HARNESS',
  /** SDK mode: ms one call may take before the client is called hung. */
  caseTimeout: 'CONFORMANCE_CASE_TIMEOUT',
  /** Write the run's exchanges as cassettes to this dir (`--record`). */
  record: 'CONFORMANCE_RECORD',
  /** Judge the cassettes in this dir instead of sending anything (`--replay`). */
  replay: 'CONFORMANCE_REPLAY',
} as const;

/** The file a worker writes when the client under test could not be driven: the CLI exits 2 with it. */
export const CLIENT_BROKEN_FILE = '.client-broken';

export interface RunEnv extends RunSettings {
  readonly targetFile: string;
  readonly reportDir: string;
  readonly embedded: boolean;
  readonly partial?: string;
  readonly adapterFile?: string;
  readonly harness?: string;
  readonly caseTimeoutMs: number;
  readonly recordDir?: string;
  readonly replayDir?: string;
}

/** Reads the run's settings in a worker or reporter; one clear error when the CLI did not set them. */
export function readRunEnv(env: NodeJS.ProcessEnv = process.env): RunEnv {
  const targetFile = env[RUN_ENV.target];
  if (!targetFile) throw new Error(`${RUN_ENV.target} is not set: run the suite with npx conformance run, not playwright test directly.`);
  return {
    targetFile,
    seed: Number(env[RUN_ENV.seed] ?? 0) | 0,
    runs: Number(env[RUN_ENV.runs] ?? 100),
    strict: env[RUN_ENV.strict] === '1',
    reportDir: env[RUN_ENV.reportDir] ?? 'reports',
    embedded: env[RUN_ENV.embedded] === '1',
    partial: env[RUN_ENV.partial] || undefined,
    restore: env[RUN_ENV.restore] !== '0',
    adapterFile: env[RUN_ENV.adapter] || undefined,
    harness: env[RUN_ENV.harness] || undefined,
    caseTimeoutMs: Number(env[RUN_ENV.caseTimeout] ?? 30_000),
    recordDir: env[RUN_ENV.record] || undefined,
    replayDir: env[RUN_ENV.replay] || undefined,
  };
}
