import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A fake target: a bare HTTP server on loopback that answers the way a test tells it to. */
export interface FakeTarget {
  readonly url: string;
  close(): Promise<void>;
}

/** How the fake answers request number `n` (1-based), after the request body has arrived. */
export type FakeHandler = (req: IncomingMessage, res: ServerResponse, n: number, body: Buffer) => void;

/** Starts a fake target on 127.0.0.1 and a free port. */
export async function startFake(handler: FakeHandler): Promise<FakeTarget> {
  let received = 0;
  const server = createServer((req, res) => {
    const n = ++received;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handler(req, res, n, Buffer.concat(chunks)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Which cloud a request was for: Volcengine asks for `/?Action=…`, Huawei for `/v3/…`. */
export const isVolcengineRequest = (req: IncomingMessage) => (req.url ?? '/').split('?')[0] === '/';

/** Bytes that are neither UTF-8 text nor JSON, the same for the same n. */
export function garbageBytes(n: number, length = 96): Buffer {
  let x = (n * 2654435761) >>> 0 || 1;
  return Buffer.from(Array.from({ length }, () => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) >>> 16) & 0xff));
}
