import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

/** How Playwright ended: its exit code, and the signal that asked it to stop, if one did. */
export interface PlaywrightExit {
  readonly code: number;
  readonly interruptedBy?: NodeJS.Signals;
}

/**
 * Runs Playwright's CLI (`test` or `merge-reports`) as a child in its own process group, so that a Ctrl-C
 * in the terminal reaches only this process, which passes one SIGINT on: Playwright then stops its
 * workers and its reporters still write a report marked interrupted. `onInterrupt` tells the workers
 * first (they stop sending, then restore). A second signal kills the group.
 */
export function runPlaywright(args: readonly string[], env: NodeJS.ProcessEnv, onInterrupt: () => void = () => {}): Promise<PlaywrightExit> {
  const cli = createRequire(import.meta.url).resolve('@playwright/test/cli');
  // CONFORMANCE_CPU_PROF=DIR (read here, never passed on): Playwright's process and its workers, which
  // inherit its node options, write CPU profiles to DIR (bench/startup/ reads them). NODE_OPTIONS cannot say it.
  const profileDir = process.env.CONFORMANCE_CPU_PROF;
  const nodeArgs = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  return new Promise((resolveExit, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, cli, ...args], { env, stdio: 'inherit', detached: true });
    let interruptedBy: NodeJS.Signals | undefined;
    const onSignal = (signal: NodeJS.Signals) => {
      if (interruptedBy === undefined) {
        interruptedBy = signal;
        process.stderr.write(
          `\nconformance: ${signal}: stopping the run and putting back what it changed; the report will say it was interrupted (again to stop at once).\n`,
        );
        onInterrupt();
        child.kill('SIGINT');
      } else if (child.pid !== undefined) {
        process.kill(-child.pid, 'SIGKILL');
      }
    };
    const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
    for (const s of signals) process.on(s, onSignal);
    const done = () => {
      for (const s of signals) process.off(s, onSignal);
    };
    child.on('error', (error) => {
      done();
      reject(error);
    });
    child.on('exit', (code) => {
      done();
      resolveExit({ code: code ?? 1, ...(interruptedBy ? { interruptedBy } : {}) });
    });
  });
}
