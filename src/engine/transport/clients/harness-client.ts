import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { SdkOutcome } from '../../../sdk/sdk-adapter.ts';
import { ClientBroken, CLIENT_OPERATIONS, type ClientCall, type ClientOperation, type ClientUnderTest } from './client-under-test.ts';

/** docs/harness-protocol.md: the version this suite speaks. */
export const HARNESS_PROTOCOL = 'keypair-conformance.harness/1';

export interface HarnessOptions {
  /** Variables added to the harness's environment: the credentials, by the names the cases give. */
  readonly env: Readonly<Record<string, string>>;
  /** How long the harness has to print its hello. */
  readonly helloTimeoutMs?: number;
  /** How long one case may take before the harness is called hung. */
  readonly caseTimeoutMs: number;
}

/**
 * Starts a harness program (`sh -c command`) and waits for its hello. Every way it can fail to speak the
 * protocol (it exits, prints something else, says another version, stays silent) is a `ClientBroken`.
 */
export async function startHarnessClient(command: string, options: HarnessOptions): Promise<ClientUnderTest> {
  // Its own process group, so that stopping it stops what the shell started too (and their pipes close).
  const child = spawn('sh', ['-c', command], {
    env: { ...withoutSuiteVariables(process.env), ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
  });
  const harness = new HarnessClient(command, child, options.caseTimeoutMs);
  try {
    await harness.hello(options.helloTimeoutMs ?? 15_000);
  } catch (error) {
    harness.kill();
    throw error;
  }
  return harness;
}

type Waiter = { resolve: (line: string) => void; reject: (error: Error) => void };

class HarnessClient implements ClientUnderTest {
  name = '';
  operations: ReadonlySet<ClientOperation> = new Set();
  private stderr = '';
  private readonly lines: string[] = [];
  private waiter: Waiter | undefined;
  private ended: string | undefined;
  private nextId = 1;
  private closing = false;

  constructor(
    private readonly command: string,
    private readonly child: ChildProcessWithoutNullStreams,
    private readonly caseTimeoutMs: number,
  ) {
    child.stderr.on('data', (d: Buffer) => (this.stderr += d.toString('utf8')));
    child.stdin.on('error', () => {}); // a harness that exits mid-write: reported by 'exit'
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.trim() === '') return;
      if (this.waiter) {
        const w = this.waiter;
        this.waiter = undefined;
        w.resolve(line);
      } else this.lines.push(line);
    });
    child.on('error', (error) => this.end(`could not be started: ${error.message}`));
    child.on('exit', (code, signal) => this.end(`exited (${signal ?? `code ${code}`})`));
  }

  async hello(timeoutMs: number): Promise<void> {
    const line = await this.next(timeoutMs, 'print its hello line');
    const hello = parse(line);
    if (!hello || typeof hello !== 'object') throw this.broken(`printed ${quote(line)} instead of its hello line`);
    const h = hello as { protocol?: unknown; name?: unknown; operations?: unknown };
    if (h.protocol !== HARNESS_PROTOCOL) throw this.broken(`speaks protocol ${quote(String(h.protocol))}; this suite speaks ${HARNESS_PROTOCOL}`);
    if (typeof h.name !== 'string' || h.name === '') throw this.broken('gave no name in its hello');
    const ops = Array.isArray(h.operations) ? h.operations : [];
    const unknown = ops.filter((o) => !CLIENT_OPERATIONS.includes(o as ClientOperation));
    if (unknown.length > 0 || ops.length === 0)
      throw this.broken(`offers operations ${quote(JSON.stringify(h.operations))}; use some of ${CLIENT_OPERATIONS.join(', ')}`);
    this.name = h.name;
    this.operations = new Set(ops as ClientOperation[]);
  }

  async call(call: ClientCall): Promise<SdkOutcome> {
    const id = this.nextId++;
    const { credential, ...rest } = call;
    const message = {
      id,
      ...rest,
      credentials: {
        accessKeyVar: credential.accessKeyVar,
        secretKeyVar: credential.secretKeyVar,
        ...(credential.securityTokenVar ? { securityTokenVar: credential.securityTokenVar } : {}),
      },
    };
    if (this.ended) throw this.broken(this.ended);
    this.child.stdin.write(`${JSON.stringify(message)}\n`);
    const line = await this.next(this.caseTimeoutMs, `answer case ${id} (${call.operation})`);
    const answer = parse(line) as { id?: unknown; outcome?: unknown } | undefined;
    if (!answer || typeof answer !== 'object') throw this.broken(`answered case ${id} with ${quote(line)}, not a JSON object`);
    if (answer.id !== id) throw this.broken(`answered case ${JSON.stringify(answer.id)} when case ${id} was asked`);
    const problem = outcomeProblem(answer.outcome);
    if (problem) throw this.broken(`answered case ${id} with an outcome that ${problem}: ${quote(line)}`);
    return answer.outcome as SdkOutcome;
  }

  takeOutput(): string {
    const out = this.stderr;
    this.stderr = '';
    return out;
  }

  async close(): Promise<void> {
    this.closing = true;
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.stdin.end();
    const timer = setTimeout(() => this.kill(), 3000);
    await exited;
    clearTimeout(timer);
  }

  /** Stops the harness and everything it started. */
  kill(): void {
    this.closing = true;
    try {
      process.kill(-this.child.pid!, 'SIGKILL');
    } catch {
      this.child.kill('SIGKILL'); // the group is gone already, or was never made
    }
  }

  private end(why: string): void {
    this.ended ??= why;
    if (this.waiter && !this.closing) {
      const w = this.waiter;
      this.waiter = undefined;
      w.reject(this.broken(why));
    }
  }

  private next(timeoutMs: number, what: string): Promise<string> {
    const queued = this.lines.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    if (this.ended) return Promise.reject(this.broken(this.ended));
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = undefined;
        this.kill();
        reject(this.broken(`did not ${what} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiter = {
        resolve: (line) => (clearTimeout(timer), resolve(line)),
        reject: (error) => (clearTimeout(timer), reject(error)),
      };
    });
  }

  private broken(what: string): ClientBroken {
    const last = this.stderr.trim().split('\n').pop()?.slice(0, 200);
    return new ClientBroken(
      `the harness "${this.command}" ${what}${last ? ` (its last stderr line: ${quote(last)})` : ''}. Fix the harness: docs/harness-protocol.md.`,
    );
  }
}

/** What is wrong with an outcome (docs/harness-protocol.md §3), or undefined when it is one. */
function outcomeProblem(o: unknown): string | undefined {
  if (!o || typeof o !== 'object') return 'is missing or not an object';
  const x = o as Record<string, unknown>;
  if (typeof x.ok !== 'boolean') return 'has no boolean ok';
  if (x.status !== undefined && !Number.isInteger(x.status)) return 'has a status that is not a whole number';
  for (const key of ['code', 'message', 'requestId'] as const)
    if (x[key] !== undefined && typeof x[key] !== 'string') return `has a ${key} that is not a string`;
  return undefined;
}

function parse(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

function quote(s: string): string {
  return JSON.stringify(s.length > 120 ? `${s.slice(0, 120)}…` : s);
}

/**
 * The worker's environment without the suite's own CONFORMANCE_* variables (the run's settings hold the
 * resolved target and its credentials): a harness gets only the credentials its cases name.
 */
function withoutSuiteVariables(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !name.startsWith('CONFORMANCE_')));
}
