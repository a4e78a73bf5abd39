import type { IncomingMessage } from 'node:http';

/** A body, or the news that it was larger than allowed (the rest is not read). */
export type BodyResult = { readonly ok: true; readonly body: Buffer } | { readonly ok: false; readonly tooLarge: true };

/**
 * Reads a request body up to `limit` bytes. A larger body is refused as soon as its size shows (from
 * Content-Length, or while it streams) so a client cannot make the mock hold more than `limit`.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    return Promise.resolve({ ok: false, tooLarge: true });
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        req.resume();
        resolve({ ok: false, tooLarge: true });
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!done) resolve({ ok: true, body: Buffer.concat(chunks) });
    });
    req.on('error', (error) => {
      if (!done) reject(error);
    });
  });
}
