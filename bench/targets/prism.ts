import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Cloud } from '../operations.ts';
import { startChild, type Child } from './child.ts';
import { freePort } from './free-port.ts';
import type { StartOptions, Target } from './target.ts';
import { waitForHttp } from './wait-for-http.ts';

const SPECS: Record<Cloud, string> = {
  huawei: 'specs/huaweicloud-kps.openapi.yaml',
  volcengine: 'specs/volcengine-ecs.openapi.yaml',
};

/**
 * Starts one `prism mock <spec>` per cloud on free ports and waits until each answers. `logLevel` is
 * Prism's -v (its default `info` logs five lines per request). A Prism that does not start is recorded
 * in `failures`; the other one is still used.
 */
export async function startPrism({ cwd, timeoutMs, prefix }: StartOptions, logLevel: string): Promise<Target> {
  const cli = createRequire(join(cwd, 'package.json')).resolve('@stoplight/prism-cli/dist/index.js');
  const children: Child[] = [];
  const urls: Partial<Record<Cloud, string>> = {};
  const failures: Partial<Record<Cloud, string>> = {};
  await Promise.all(
    (Object.keys(SPECS) as Cloud[]).map(async (cloud) => {
      try {
        const port = await freePort();
        const child = startChild([cli, 'mock', SPECS[cloud], '-p', String(port), '-h', '127.0.0.1', '-v', logLevel], cwd, prefix);
        children.push(child);
        const url = `http://127.0.0.1:${port}`;
        await waitForHttp(url, timeoutMs, () => child.process.exitCode !== null).catch((error: Error) => {
          throw new Error(`${error.message}${child.output() ? `: ${child.output()}` : ''}`);
        });
        urls[cloud] = url;
      } catch (error) {
        failures[cloud] = `Prism failed to start for ${SPECS[cloud]}: ${(error as Error).message}`;
      }
    }),
  );
  return { name: 'prism', urls, failures, stop: async () => void (await Promise.all(children.map((c) => c.stop()))) };
}
