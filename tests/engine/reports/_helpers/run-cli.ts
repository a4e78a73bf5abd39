import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../../../../', import.meta.url));
export const BIN = fileURLToPath(new URL('../../../../bin/conformance.mjs', import.meta.url));

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

/**
 * The environment of this Playwright worker without Playwright's own variables, so the CLI's nested
 * Playwright run starts as it would from a shell; plus `extra` (undefined deletes a variable).
 */
export function childEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(TEST_|PW_|PLAYWRIGHT_|CONFORMANCE_|MOCK_)/.test(k) || k === 'FORCE_COLOR' || k === 'CI') continue;
    env[k] = v;
  }
  env.NO_COLOR = '1';
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

/**
 * Runs `node bin/conformance.mjs ...args` asynchronously (never spawnSync: a mock started in this process
 * must keep answering while the CLI runs) and collects its exit code and output.
 */
export function runCli(args: readonly string[], env: NodeJS.ProcessEnv = childEnv(), timeoutMs = 80_000): Promise<CliResult> {
  return runCommand(process.execPath, [BIN, ...args], { cwd: REPO, env, timeoutMs });
}

/** Runs `command ...args` in `cwd` to its end and collects its exit code and output. */
export function runCommand(
  command: string,
  args: readonly string[],
  options: { readonly cwd: string; readonly env: NodeJS.ProcessEnv; readonly timeoutMs: number },
): Promise<CliResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    // Its own process group, so a command that hangs is ended with the processes it started.
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
      reject(new Error(`${command} ${args.join(' ')} did not end within ${options.timeoutMs} ms\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, options.timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    });
  });
}
