import { createServer, request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the proxy does with request number `n`: pass it on, cut the connection, or answer itself. */
export type Interception = 'forward' | 'reset' | { readonly status: number; readonly contentType: string; readonly body: string };

/**
 * A proxy in front of a target: each request is forwarded unchanged, or its connection is reset, or it
 * is answered by the proxy (the target never sees the last two). `intercepted()` counts the latter.
 */
export async function startInterceptingProxy(
  target: string,
  decide: (req: IncomingMessage, n: number) => Interception,
): Promise<{ url: string; intercepted: () => number; close(): Promise<void> }> {
  let n = 0;
  let intercepted = 0;
  const upstream = new URL(target);
  const server = createServer((req, res) => {
    const what = decide(req, ++n);
    if (what === 'reset') {
      intercepted++;
      req.socket.destroy();
      return;
    }
    if (what !== 'forward') {
      intercepted++;
      req.resume();
      res.writeHead(what.status, { 'content-type': what.contentType }).end(what.body);
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
    intercepted: () => intercepted,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
