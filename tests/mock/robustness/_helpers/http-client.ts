import { Agent, request } from 'node:http';
import { connect, type Socket } from 'node:net';

/** A request exactly as it goes on the wire (after signing): a request-target, not a URL. */
export interface WireRequest {
  readonly method: string;
  /** Request-target, e.g. `/v3/p/keypairs/associate` or `/?Action=…`. */
  readonly target: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: Uint8Array | string;
  /** Send the body with `Transfer-Encoding: chunked` instead of a Content-Length. */
  readonly chunked?: boolean;
}

/** What came back, or why nothing did. */
export type Answer =
  | {
      readonly ok: true;
      readonly status: number;
      readonly headers: Readonly<Record<string, string | string[] | undefined>>;
      readonly body: string;
      readonly ms: number;
    }
  | { readonly ok: false; readonly error: string; readonly ms: number };

/** Keep-alive connections to the mock, at most `maxSockets` at once. */
export function keepAliveAgent(maxSockets: number): Agent {
  return new Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets, timeout: 4_000 });
}

/** Most bytes of a response body kept; the mock's answers are a few hundred bytes. */
const MAX_BODY = 256 * 1024;

/**
 * Sends one request to 127.0.0.1 and reads the whole answer. Never rejects: a timeout (no answer within
 * `timeoutMs`, the "hang" this suite looks for), a reset or a refused connection is an `ok: false` answer.
 */
export function send(port: number, wire: WireRequest, agent: Agent | false, timeoutMs: number): Promise<Answer> {
  const started = Date.now();
  return new Promise<Answer>((resolve) => {
    let settled = false;
    const finish = (answer: Answer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(answer);
    };
    const headers: Record<string, string> = { ...wire.headers };
    // node:http sends a GET/DELETE/OPTIONS body with no framing at all unless told: always say how long it is.
    if (wire.chunked) headers['Transfer-Encoding'] = 'chunked';
    else if (wire.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(wire.body));
    let req: ReturnType<typeof request>;
    try {
      req = request({ host: '127.0.0.1', port, method: wire.method, path: wire.target, headers, agent });
    } catch (error) {
      // The client refused to build the request: the generator made something node:http cannot send.
      resolve({ ok: false, error: `client refused the request: ${String(error)}`, ms: 0 });
      return;
    }
    const timer = setTimeout(() => {
      req.destroy();
      finish({ ok: false, error: `no answer within ${timeoutMs} ms`, ms: Date.now() - started });
    }, timeoutMs);
    req.on('error', (error: NodeJS.ErrnoException) => finish({ ok: false, error: `${error.code ?? 'error'}: ${error.message}`, ms: Date.now() - started }));
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= MAX_BODY) chunks.push(chunk);
      });
      res.on('error', (error: NodeJS.ErrnoException) =>
        finish({ ok: false, error: `response ${error.code ?? 'error'}: ${error.message}`, ms: Date.now() - started }),
      );
      res.on('end', () =>
        finish({ ok: true, status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8'), ms: Date.now() - started }),
      );
    });
    if (wire.body !== undefined && wire.chunked) {
      req.write(wire.body);
      req.end();
    } else if (wire.body !== undefined) {
      req.end(wire.body);
    } else {
      req.end();
    }
  });
}

/** Runs `work` over `items`, at most `concurrency` at once, in order of the array; stops starting new work after `deadline`. */
export async function runPool<T, R>(
  items: readonly T[],
  concurrency: number,
  deadline: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<(R | undefined)[]> {
  const results: (R | undefined)[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length && Date.now() < deadline) {
      const index = next++;
      results[index] = await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}

/** What a raw socket saw: the bytes the server sent, and how the connection ended. */
export interface RawOutcome {
  readonly text: string;
  /** `closed`: the server ended or reset the connection; `open`: still open when we stopped waiting. */
  readonly end: 'closed' | 'open';
  /** Time from connect to close, or to when we stopped waiting. */
  readonly ms: number;
  readonly error?: string;
}

/** Opens a raw TCP connection to the mock on 127.0.0.1. */
export function openRaw(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1' }, () => resolve(socket));
    socket.once('error', reject);
  });
}

/**
 * Watches a raw socket for at most `waitMs`: collects what the server sends and reports whether it closed
 * the connection. The socket is destroyed when the wait is over, whatever happened.
 */
export function watchRaw(socket: Socket, waitMs: number, started = Date.now()): Promise<RawOutcome> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let error: string | undefined;
    const done = (end: 'closed' | 'open') => {
      clearTimeout(timer);
      socket.removeAllListeners('data');
      socket.destroy();
      resolve({ text: Buffer.concat(chunks).toString('latin1'), end, ms: Date.now() - started, ...(error ? { error } : {}) });
    };
    const timer = setTimeout(() => done('open'), waitMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', (e: NodeJS.ErrnoException) => (error = e.code ?? e.message));
    socket.once('close', () => done('closed'));
    if (socket.destroyed) done('closed');
  });
}

/** Sends bytes on a fresh raw connection (optionally half-closing after them) and watches it for `waitMs`. */
export async function rawExchange(port: number, bytes: string | Buffer, waitMs: number, opts: { halfClose?: boolean } = {}): Promise<RawOutcome> {
  const started = Date.now();
  const socket = await openRaw(port);
  const watching = watchRaw(socket, waitMs, started);
  socket.on('error', () => undefined);
  if (opts.halfClose) socket.end(typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes);
  else socket.write(typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes);
  return watching;
}

/** One HTTP/1.1 response parsed out of raw bytes (Content-Length or chunked framing, or up to the close). */
export interface RawResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** Every complete response in `text`, in order (a keep-alive connection may carry several). */
export function parseRawResponses(text: string): RawResponse[] {
  const out: RawResponse[] = [];
  let rest = text;
  for (let guard = 0; guard < 1000 && rest.startsWith('HTTP/'); guard++) {
    const headEnd = rest.indexOf('\r\n\r\n');
    if (headEnd < 0) break;
    const [statusLine = '', ...lines] = rest.slice(0, headEnd).split('\r\n');
    const status = Number(statusLine.split(' ')[1]);
    const headers: Record<string, string> = {};
    for (const line of lines) {
      const colon = line.indexOf(':');
      if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    let bodyEnd = headEnd + 4;
    let bodyBytes = '';
    const length = Number(headers['content-length']);
    if (headers['transfer-encoding']?.toLowerCase() === 'chunked') {
      // Chunk sizes in hex, each chunk followed by CRLF, a zero-size chunk last.
      for (let chunks = 0; chunks < 10_000; chunks++) {
        const lineEnd = rest.indexOf('\r\n', bodyEnd);
        if (lineEnd < 0) break;
        const size = parseInt(rest.slice(bodyEnd, lineEnd), 16);
        if (!Number.isFinite(size)) break;
        if (size === 0) {
          bodyEnd = Math.min(rest.length, lineEnd + 4);
          break;
        }
        bodyBytes += rest.slice(lineEnd + 2, lineEnd + 2 + size);
        bodyEnd = lineEnd + 2 + size + 2;
      }
    } else if (Number.isFinite(length)) {
      bodyBytes = rest.slice(bodyEnd, bodyEnd + length);
      bodyEnd += length;
    } else {
      bodyBytes = rest.slice(bodyEnd);
      bodyEnd = rest.length;
    }
    // Bytes are latin1 here; the mock's bodies are UTF-8 JSON.
    const body = Buffer.from(bodyBytes, 'latin1').toString('utf8');
    out.push({ status, headers, body });
    rest = rest.slice(bodyEnd);
  }
  return out;
}

/**
 * A request as raw HTTP/1.1 bytes, for raw sockets: the request line, `Host` (as the signers sign it),
 * the headers in order, then a Content-Length body unless the headers already frame it.
 */
export function rawRequest(wire: WireRequest, port: number, extraHeaderLines: readonly string[] = []): Buffer {
  const lines = [`${wire.method} ${wire.target} HTTP/1.1`, `Host: 127.0.0.1:${port}`];
  for (const [name, value] of Object.entries(wire.headers)) if (name.toLowerCase() !== 'host') lines.push(`${name}: ${value}`);
  const body = wire.body === undefined ? Buffer.alloc(0) : Buffer.from(wire.body);
  const framed = Object.keys(wire.headers).some((n) => ['content-length', 'transfer-encoding'].includes(n.toLowerCase()));
  if (!framed && body.length > 0) lines.push(`Content-Length: ${body.length}`);
  lines.push(...extraHeaderLines);
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), body]);
}
