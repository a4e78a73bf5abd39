import { createRequire } from 'node:module';
import { join } from 'node:path';
import { startChild, type Child } from '../../bench/targets/child.ts';
import { freePort } from '../../bench/targets/free-port.ts';
import { waitForHttp } from '../../bench/targets/wait-for-http.ts';

/** The OpenAPI documents Prism mocks, one `prism mock` per cloud, named as target files name the clouds. */
export const PRISM_SPECS = {
  huaweicloud: 'specs/huaweicloud-kps.openapi.yaml',
  volcengine: 'specs/volcengine-ecs.openapi.yaml',
} as const;

export type PrismCloud = keyof typeof PRISM_SPECS;

export interface RunningPrism {
  /** Base URL of each cloud's Prism, e.g. `http://127.0.0.1:40123`. */
  readonly urls: Readonly<Record<PrismCloud, string>>;
  /** Ends both Prism processes (by their pids); safe to call more than once. */
  stop(): Promise<void>;
}

/** Prism's version as installed, e.g. `5.16.0`. */
export function prismVersion(cwd: string): string {
  return (createRequire(join(cwd, 'package.json'))('@stoplight/prism-cli/package.json') as { version: string }).version;
}

/**
 * Starts `prism mock <spec> -v error` for each cloud on a free loopback port and waits until each
 * answers HTTP. Throws one line saying why when Prism is not installed or does not start; whatever was
 * started by then is stopped first. The processes are also killed when this process exits.
 */
export async function startPrism({ cwd, timeoutMs = 30_000 }: { cwd: string; timeoutMs?: number }): Promise<RunningPrism> {
  let cli: string;
  try {
    cli = createRequire(join(cwd, 'package.json')).resolve('@stoplight/prism-cli/dist/index.js');
  } catch {
    throw new Error(`Stoplight Prism cannot start: @stoplight/prism-cli is not installed in ${cwd} (it is a devDependency: run npm ci).`);
  }
  const children: Child[] = [];
  const killAll = () => children.forEach((c) => c.process.exitCode === null && c.process.signalCode === null && c.process.kill('SIGKILL'));
  process.once('exit', killAll);
  const stop = async () => {
    process.off('exit', killAll);
    await Promise.all(children.map((c) => c.stop()));
  };
  const start = async (cloud: PrismCloud): Promise<string> => {
    // The port was free a moment ago; another process may take it first: then Prism is tried on another.
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const child = startChild([cli, 'mock', PRISM_SPECS[cloud], '-p', String(port), '-h', '127.0.0.1', '-v', 'error'], cwd);
      children.push(child);
      const url = `http://127.0.0.1:${port}`;
      try {
        await waitForHttp(url, timeoutMs, () => child.process.exitCode !== null || child.process.signalCode !== null);
        return url;
      } catch (error) {
        await child.stop();
        if (/EADDRINUSE/.test(child.output()) && attempt < 3) continue;
        throw new Error(`Stoplight Prism did not start for ${PRISM_SPECS[cloud]}: ${(error as Error).message}${child.output() ? ` (${child.output()})` : ''}`, {
          cause: error,
        });
      }
    }
  };
  // Both are waited for, so that nothing is still starting when a failure stops what was started.
  const [huaweicloud, volcengine] = await Promise.allSettled([start('huaweicloud'), start('volcengine')]);
  if (huaweicloud.status === 'rejected' || volcengine.status === 'rejected') {
    await stop();
    throw [huaweicloud, volcengine].find((r) => r.status === 'rejected')!.reason;
  }
  return { urls: { huaweicloud: huaweicloud.value, volcengine: volcengine.value }, stop };
}
