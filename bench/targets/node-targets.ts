import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { announcedUrl, startChild } from './child.ts';
import type { StartOptions, Target } from './target.ts';

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

/**
 * Starts `bare-server.ts` or `mock-server.ts` in a node child (through tsx). With BENCH_CPU_PROF=<dir> the
 * child runs under `--cpu-prof` and writes profiles to `<dir>/bare/` or `<dir>/mock/` when it stops
 * (the main thread's file is the one named `CPU.*.0.001.cpuprofile`; the other is tsx's loader thread).
 */
export async function startNodeTarget(name: 'bare' | 'mock', { cwd, timeoutMs, prefix }: StartOptions): Promise<Target> {
  const profileDir = process.env.BENCH_CPU_PROF;
  const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${join(profileDir, name)}`] : [];
  const child = startChild([...profile, '--import', 'tsx', here(`./${name}-server.ts`)], cwd, prefix);
  try {
    const url = await announcedUrl(child, timeoutMs);
    return { name, urls: { huawei: url, volcengine: url }, failures: {}, stop: child.stop };
  } catch (error) {
    await child.stop();
    throw new Error(`${name} server failed to start: ${(error as Error).message}`, { cause: error });
  }
}
