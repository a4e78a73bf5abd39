import type { ReporterName } from '../report/ci-reports.ts';
import type { RunSettings } from '../run/engine-context.ts';
import type { ResolvedTarget } from '../target/resolved-target.ts';

/**
 * How the CLI hands a run's settings to the Playwright config, workers and reporter: one JSON value in
 * one environment variable (Playwright starts the workers and passes the environment on). The CLI
 * removes every other `CONFORMANCE_*` variable from the child's environment, so nothing the caller has
 * set can change a run behind its options.
 */
export const RUN_SETTINGS_VAR = 'CONFORMANCE_RUN_SETTINGS';

/** Variables the CLI never passes on from its caller: the run's own channel and any look-alike. */
const INTERNAL = /^CONFORMANCE_/;

/** The file the CLI writes in the report dir when it is interrupted: the workers stop sending, then restore. */
export const INTERRUPT_FILE = '.interrupted';

/** The file a worker writes when the client under test could not be driven: the CLI exits 2 with it. */
export const CLIENT_BROKEN_FILE = '.client-broken';

export interface RunEnv extends Pick<RunSettings, 'seed' | 'runs' | 'concurrency'> {
  /** --strict: a failed should rule fails the run, in the report, the tests and the exit code (the engine never reads it). */
  readonly strict: boolean;
  /**
   * The target, resolved once by the CLI (credentials read, defaults filled in): the workers and the
   * reporter use it as it is, and read no target file. Absent in a merge, which names `mergedTarget`.
   */
  readonly target?: ResolvedTarget;
  readonly reportDir: string;
  /** The CLI started the embedded mock: replay then starts one again. */
  readonly embedded: boolean;
  /** Words for the report when only part of the run happens here (--only, --shard). */
  readonly partial?: string;
  /** false to leave the target as the run left it (the embedded mock, which is thrown away). */
  readonly restore: boolean;
  /** SDK mode: the adapter module's path, or the harness command (docs/harness-protocol.md). */
  readonly adapterFile?: string;
  readonly harness?: string;
  /** SDK mode: ms one call may take before the client is called hung. */
  readonly caseTimeoutMs: number;
  /** Write the run's exchanges as cassettes to this dir (`--record`). */
  readonly recordDir?: string;
  /** Judge the cassettes in this dir instead of sending anything (`--replay`). */
  readonly replayDir?: string;
  /** A shard (`--shard I/N`): also write Playwright's blob report, for `npx conformance merge`. */
  readonly blob: boolean;
  /** Reports for CI beyond the ones always written (`--reporter`). */
  readonly reporters: readonly ReporterName[];
  /** `npx conformance merge`: the target as the shards' reports name it (no target file is read). */
  readonly mergedTarget?: { readonly name: string; readonly file: string; readonly endpoints: Readonly<Record<string, string>> };
}

/** The child environment of a run: the caller's, without internal variables, plus the settings. */
export function runChildEnv(settings: RunEnv, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(base)) if (!INTERNAL.test(name)) env[name] = value;
  env[RUN_SETTINGS_VAR] = JSON.stringify(settings);
  return env;
}

let cached: { text: string; env: RunEnv } | undefined;

/** Reads the run's settings in a worker or reporter; one clear error when the CLI did not set them. */
export function readRunEnv(env: NodeJS.ProcessEnv = process.env): RunEnv {
  const text = env[RUN_SETTINGS_VAR];
  if (!text) throw new Error(`${RUN_SETTINGS_VAR} is not set: run the suite with npx conformance run, not playwright test directly.`);
  if (cached?.text === text) return cached.env;
  const parsed = JSON.parse(text) as RunEnv;
  if ((parsed.target === undefined) === (parsed.mergedTarget === undefined) || typeof parsed.reportDir !== 'string' || !Number.isInteger(parsed.seed)) {
    throw new Error(`${RUN_SETTINGS_VAR} does not hold a run's settings: run the suite with npx conformance run.`);
  }
  cached = { text, env: parsed };
  return parsed;
}
