import { test, expect } from '@playwright/test';
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ClientWire } from '../../src/engine/transport/client-wire.ts';

// Bytes as sent (issue 12, point 1): what a client sends reaches the target byte for byte, with its
// header order and its chunking, so a client that signs its own serialisation is judged on it.

interface Arrived {
  rawHeaders: string[];
  body: Buffer;
}

let target: Server;
let arrived: Arrived[] = [];
test.beforeEach(async () => {
  arrived = [];
  target = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (d: Buffer) => chunks.push(d));
    req.on('end', () => {
      arrived.push({ rawHeaders: req.rawHeaders, body: Buffer.concat(chunks) });
      res.writeHead(202, { 'content-type': 'application/json', 'x-request-id': 'r-1' });
      res.end('{"task_id":"t-1"}');
    });
  });
  await new Promise<void>((r) => target.listen(0, '127.0.0.1', () => r()));
});
test.afterEach(async () => new Promise<void>((r) => target.close(() => r())));

/** Sends with exactly these headers (a raw list: node:http adds nothing to it, Host included). */
function send(endpoint: string, path: string, headers: string[], body: Buffer, chunked: boolean): Promise<number> {
  const all = ['Host', new URL(endpoint).host, ...headers];
  return new Promise((resolve, reject) => {
    const req = request(`${endpoint}${path}`, { method: 'POST', headers: all as unknown as Record<string, string> }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    if (chunked) {
      // Two chunks that split a multi-byte character: the target must get the same bytes joined.
      req.write(body.subarray(0, 7));
      req.write(body.subarray(7));
    } else req.write(body);
    req.end();
  });
}

test("a body is forwarded byte for byte (Python spacing, key order, UTF-8), headers in the client's order, no Content-Length added to a chunked request", async () => {
  const wire = await ClientWire.start({ huaweicloud: `http://127.0.0.1:${(target.address() as AddressInfo).port}` });
  try {
    const body = Buffer.from('{"server": {"id": "é-1"}, "keypair_name": "kp"}', 'utf8');
    wire.begin();
    const status = await send(
      wire.endpoint,
      '/v3/p/keypairs/associate',
      [
        'X-Sdk-Date',
        '20240101T000000Z',
        'Content-Type',
        'application/json',
        'Transfer-Encoding',
        'chunked',
        'Authorization',
        'SDK-HMAC-SHA256 Access=a, SignedHeaders=x, Signature=00',
      ],
      body,
      true,
    );
    expect(status).toBe(202);
    const got = arrived[0]!;
    expect(got.body.equals(body)).toBe(true);
    const names = got.rawHeaders.filter((_, i) => i % 2 === 0).map((n) => n.toLowerCase());
    expect(names.filter((n) => n !== 'connection')).toEqual(['host', 'x-sdk-date', 'content-type', 'transfer-encoding', 'authorization']);
    expect(names).not.toContain('content-length');
    // What the checks see is the same: the bytes as text, and that the body came chunked.
    expect(wire.recorded[0]!.bodyBytes.equals(body)).toBe(true);
    expect(wire.recorded[0]!.request.body).toBe(body.toString('utf8'));
    expect(wire.recorded[0]!.chunked).toBe(true);
    expect(wire.recorded[0]!.answeredBy).toBe('target');

    // A Content-Length request keeps its own length and gets no chunking.
    wire.begin();
    await send(wire.endpoint, '/v3/p/keypairs/associate', ['Content-Length', String(body.length), 'Content-Type', 'application/json'], body, false);
    const plain = arrived[1]!;
    const plainNames = plain.rawHeaders.filter((_, i) => i % 2 === 0).map((n) => n.toLowerCase());
    expect(plainNames).toContain('content-length');
    expect(plainNames).not.toContain('transfer-encoding');
    expect(plain.body.equals(body)).toBe(true);
  } finally {
    await wire.close();
  }
});

test('scripted answers and fault schedules answer the client without reaching the target', async () => {
  const wire = await ClientWire.start({ huaweicloud: `http://127.0.0.1:${(target.address() as AddressInfo).port}` });
  try {
    wire.begin({ kind: 'faults', faults: [{ kind: 'status', status: 503 }, { kind: 'reset' }], then: { status: 202, body: { task_id: 'scripted' } } });
    const body = Buffer.from('{}');
    expect(await send(wire.endpoint, '/v3/p/keypairs/associate', ['Content-Type', 'application/json', 'Content-Length', '2'], body, false)).toBe(503);
    await expect(send(wire.endpoint, '/v3/p/keypairs/associate', ['Content-Type', 'application/json', 'Content-Length', '2'], body, false)).rejects.toThrow();
    expect(await send(wire.endpoint, '/v3/p/keypairs/associate', ['Content-Type', 'application/json', 'Content-Length', '2'], body, false)).toBe(202);
    expect(wire.recorded.map((a) => a.answeredBy)).toEqual(['fault', 'fault', 'script']);
    expect(arrived).toEqual([]);
  } finally {
    await wire.close();
  }
});
