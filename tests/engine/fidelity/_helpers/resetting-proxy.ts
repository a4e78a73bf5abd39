import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A proxy in front of a target that resets the connection of every `every`-th request instead of
 * forwarding it (so the target never sees it), and forwards the rest unchanged.
 */
export async function startResettingProxy(target: string, every: number): Promise<{ url: string; resets: () => number; close(): Promise<void> }> {
  let n = 0;
  let resets = 0;
  const upstream = new URL(target);
  const server = createServer((req, res) => {
    if (++n % every === 0) {
      resets++;
      req.socket.destroy();
      return;
    }
    const forward = request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    forward.on('error', () => req.socket.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    resets: () => resets,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
