import { createServer, type IncomingMessage, type ServerOptions, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { MockContext } from './mock-context.ts';
import type { MockOptions, MockOptionsInput } from './mock-options.ts';
import { resolveMockOptions } from './resolve-mock-options.ts';
import type { MockRequest, MockResponse } from './http/mock-exchange.ts';
import { parseTarget } from './http/parse-target.ts';
import { readBody } from './http/read-body.ts';
import { writeResponse } from './http/write-response.ts';
import { CLOUDS, type Cloud } from '../families/api-families.ts';
import { MOCK_FAMILIES, mockFamilyOf } from './mock-families.ts';

/** A running reference mock. */
export interface RunningMock {
  /** Base URL, e.g. `http://127.0.0.1:40123`; both clouds are served under it. */
  readonly url: string;
  readonly port: number;
  readonly options: MockOptions;
  /**
   * The bindings now, after every due task has ended: Huawei server → key pair, Volcengine instance →
   * key pair id (null: none). For tests that check a run left the fixtures as they were.
   */
  snapshot(): Record<Cloud, Record<string, string | null>>;
  /** Stops listening and ends open connections. */
  close(): Promise<void>;
}

/**
 * Starts the reference mock: one HTTP server for Huawei KPS (`/v3/{project_id}/…`) and Volcengine ECS
 * (`/?Action=…`), on loopback unless told otherwise.
 */
export async function startMock(given: MockOptionsInput = {}): Promise<RunningMock> {
  const options = resolveMockOptions(given);
  const ctx = new MockContext(options);
  const sockets = new Set<Socket>();
  const handler = (req: IncomingMessage, res: ServerResponse) => void handle(ctx, req, res);
  const serverOptions: ServerOptions = {
    requestTimeout: options.requestTimeoutMs,
    headersTimeout: Math.min(options.requestTimeoutMs, 60_000),
    // Node checks those timeouts only this often (30 s by default), so it must follow them.
    connectionsCheckingInterval: Math.max(100, Math.min(1000, Math.floor(options.requestTimeoutMs / 2))),
    maxHeaderSize: 64 * 1024,
    // A request without Host is answered by the mock in the cloud's shape, not by Node's bare 400.
    requireHostHeader: false,
  };
  const server = options.tls
    ? createHttpsServer({ ...serverOptions, key: options.tls.key, cert: options.tls.cert }, handler)
    : createServer(serverOptions, handler);
  // An Expect header Node does not know would get a bare 417; the mock answers it like any request.
  server.on('checkExpectation', (req, res) => void handle(ctx, req, res));
  server.maxHeadersCount = 2000;
  server.keepAliveTimeout = 5_000;
  // The first bytes of each connection, to tell which cloud a request the parser refuses was for:
  // the parser's own rawPacket may be a later chunk (headers over the limit) or absent (timeouts).
  const firstBytes = new WeakMap<Socket, Buffer>();
  server.on(options.tls ? 'secureConnection' : 'connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('data', (chunk: Buffer) => firstBytes.set(socket, chunk.subarray(0, 512)));
    socket.on('close', () => sockets.delete(socket));
  });
  // A request the HTTP parser refuses (bad framing, headers over the limit) still gets an error in the
  // gateway's shape, never a bare socket reset, unless the socket is already gone.
  server.on('clientError', (error: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket) => {
    if (!socket.writable || error.code === 'ECONNRESET') return socket.destroy();
    const body = JSON.stringify(unreadableBody(ctx, firstBytes.get(socket as Socket) ?? error.rawPacket));
    socket.end(`HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `${options.tls ? 'https' : 'http'}://${host}:${port}`,
    port,
    options,
    snapshot: () => Object.fromEntries(CLOUDS.map((c) => [c, MOCK_FAMILIES[c].bindings(ctx)])) as Record<Cloud, Record<string, string | null>>,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}

async function handle(ctx: MockContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const target = req.url ?? '/';
  const { path, query } = parseTarget(target);
  const family = mockFamilyOf(path);
  try {
    const read = await readBody(req, ctx.options.maxBodyBytes);
    if (!read.ok) return writeResponse(res, family.tooLarge(ctx), true);
    const mockReq: MockRequest = { method: req.method ?? 'GET', target, path, query, headers: req.headers, body: read.body };
    if (ctx.throttleNow()) return writeResponse(res, family.throttled(ctx, query));
    const response: MockResponse = await family.route(ctx, mockReq);
    writeResponse(res, response);
  } catch {
    // Never a stack trace to a client: an internal error in the cloud's shape.
    if (res.headersSent) return void res.destroy();
    writeResponse(res, family.internalError(ctx), true);
  }
}

/** The error for a request the HTTP parser refused, in the shape of the family its first line asks for. */
function unreadableBody(ctx: MockContext, start: Buffer | undefined): unknown {
  const firstLine = start?.subarray(0, 8192).toString('latin1').split('\r\n')[0] ?? '';
  return mockFamilyOf(firstLine.split(' ')[1] ?? '').unreadable(ctx);
}
