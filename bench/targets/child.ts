import { spawn, type ChildProcess } from 'node:child_process';

/** A child process the bench started; `stop()` ends it by its pid only. */
export interface Child {
  readonly process: ChildProcess;
  /** The last lines it wrote, for a failure message. */
  output(): string;
  stop(): Promise<void>;
}

/** Runs `node <args>`, behind `prefix` (e.g. `taskset -c 1`, which execs node under the same pid). */
export function startChild(args: readonly string[], cwd: string, prefix: readonly string[] = []): Child {
  const [command, ...rest] = [...prefix, process.execPath, ...args] as [string, ...string[]];
  const child = spawn(command, rest, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-2000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  return {
    process: child,
    output: () => tail.trim().split('\n').slice(-5).join(' | ').slice(-300),
    stop: () => stopChild(child),
  };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

/** Resolves with the first stdout line matching `{"url": …}`, or rejects when the child exits or time runs out. */
export function announcedUrl(child: Child, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => fail(`no URL within ${timeoutMs} ms`), timeoutMs);
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const match = /\{"url":"([^"]+)"\}/.exec(buffer);
      if (match) done(() => resolve(match[1]!));
    };
    const onExit = (code: number | null) => fail(`exited with ${code}`);
    const done = (then: () => void) => {
      clearTimeout(timer);
      child.process.stdout?.off('data', onData);
      child.process.off('exit', onExit);
      then();
    };
    const fail = (why: string) => done(() => reject(new Error(`${why}: ${child.output()}`)));
    child.process.stdout?.on('data', onData);
    child.process.once('exit', onExit);
  });
}
