import { test, expect } from '@playwright/test';
import fc from 'fast-check';
import type { Socket } from 'node:net';
import { startMock, type RunningMock } from '../../../src/mock/index.ts';
import { openRaw, parseRawResponses, rawExchange, rawRequest, runPool, watchRaw, type RawOutcome, type RawResponse } from './_helpers/http-client.ts';
import {
  HW_KEYPAIR,
  PROJECT_ID,
  RUNNING_INSTANCES,
  RUNNING_SERVERS,
  VOLC_KEYPAIR,
  attachTarget,
  expectMockServesValidRequests,
  signHuawei,
  signVolcengine,
  type Unsigned,
} from './_helpers/mock-requests.ts';
import { DOCUMENTED_STATUSES, problemsWith, type Cloud } from './_helpers/response-checks.ts';

// Issue 3, point 7, at the edges of HTTP: oversized bodies, thousands of headers, slow and vanishing
// clients, bytes that are not HTTP, and 200 connections at once. Every wait is bounded; all traffic goes
// to 127.0.0.1. BUG-1 … BUG-4 below were found by these tests and fixed in src/mock/start-mock.ts; the tests keep them fixed.

const MIB = 1024 * 1024;
const HUAWEI_TARGET = `/v3/${PROJECT_ID}/keypairs/associate`;
const VOLC_TARGET = '/?Action=AttachKeyPair&Version=2020-04-01';
const TARGETS: Record<Cloud, string> = { huawei: HUAWEI_TARGET, volcengine: VOLC_TARGET };

let mock: RunningMock;

test.beforeAll(async () => {
  mock = await startMock({ port: 0 });
});

test.afterAll(async () => {
  await mock?.close();
});

/** The one response a raw exchange got, checked for `cloud`'s documented status and shape. */
function onlyResponse(outcome: RawOutcome): RawResponse {
  const responses = parseRawResponses(outcome.text);
  expect(responses, `responses in ${JSON.stringify(outcome.text.slice(0, 300))}`).toHaveLength(1);
  return responses[0]!;
}

/** A chunked body of `total` bytes, in 64 KiB chunks, with its terminating chunk. */
function chunkedBody(total: number): Buffer {
  const parts: Buffer[] = [];
  for (let left = total; left > 0; left -= 65_536) {
    const size = Math.min(65_536, left);
    parts.push(Buffer.from(`${size.toString(16)}\r\n`), Buffer.alloc(size, 0x61), Buffer.from('\r\n'));
  }
  parts.push(Buffer.from('0\r\n\r\n'));
  return Buffer.concat(parts);
}

const padHeaders = (count: number, prefix = 'X-Pad') => Array.from({ length: count }, (_, i) => `${prefix}-${i}: v${i}`);

test.describe('bodies over the 1 MiB limit', () => {
  for (const cloud of ['huawei', 'volcengine'] as const) {
    test(`${cloud}: a body over 1 MiB with a declared Content-Length gets 413 in the cloud's error shape, and the mock stays up`, async () => {
      // Arrange
      const body = Buffer.alloc(MIB + 1, 0x61);
      const head = `POST ${TARGETS[cloud]} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`;
      // Act
      const outcome = await rawExchange(mock.port, Buffer.concat([Buffer.from(head), body]), 5_000);
      // Assert
      const response = onlyResponse(outcome);
      expect(response.status).toBe(413);
      expect(problemsWith(cloud, response)).toEqual([]);
      expect(outcome.end, 'the mock closes the connection after a 413').toBe('closed');
      await expectMockServesValidRequests(mock, 10);
    });

    test(`${cloud}: a chunked body that grows past 1 MiB without a declared length gets 413 in the cloud's error shape, and the mock stays up`, async () => {
      // Arrange
      const head = `POST ${TARGETS[cloud]} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`;
      // Act
      const outcome = await rawExchange(mock.port, Buffer.concat([Buffer.from(head), chunkedBody(MIB + 64 * 1024)]), 5_000);
      // Assert
      const response = onlyResponse(outcome);
      expect(response.status).toBe(413);
      expect(problemsWith(cloud, response)).toEqual([]);
      expect(outcome.end).toBe('closed');
      await expectMockServesValidRequests(mock, 11);
    });

    test(`${cloud}: a Content-Length of a terabyte is refused with 413 at once, before any of the body arrives`, async () => {
      // Arrange: the headers promise 10^12 bytes; only ten follow, and the client then waits.
      const head = `POST ${TARGETS[cloud]} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000000000000\r\n\r\n0123456789`;
      // Act
      const outcome = await rawExchange(mock.port, head, 3_000);
      // Assert: answered without waiting for the body, so well before the wait is over.
      const response = onlyResponse(outcome);
      expect(response.status).toBe(413);
      expect(problemsWith(cloud, response)).toEqual([]);
      expect(outcome.end).toBe('closed');
      expect(outcome.ms).toBeLessThan(2_000);
    });
  }

  test('huawei: a signed body of exactly 1 MiB is read and judged, not refused as too large', async () => {
    // Arrange: a valid bind padded with spaces (still JSON) to exactly the limit.
    const json = JSON.stringify({ keypair_name: HW_KEYPAIR, server: { id: RUNNING_SERVERS[20] } });
    const body = json + ' '.repeat(MIB - Buffer.byteLength(json));
    expect(Buffer.byteLength(body)).toBe(MIB);
    const wire = signHuawei({ method: 'POST', target: HUAWEI_TARGET, headers: { 'Content-Type': 'application/json' }, body }, mock.port);
    // Act
    const outcome = await rawExchange(mock.port, rawRequest(wire, mock.port, ['Connection: close']), 5_000);
    // Assert
    const response = onlyResponse(outcome);
    expect(problemsWith('huawei', response)).toEqual([]);
    expect(response.status, response.body).toBe(mock.options.huaweiSuccessStatus);
  });
});

test.describe('pathological bodies just under the limit', () => {
  const NEAR = MIB - 1024;
  const badEntry = JSON.stringify({ keypair_name: HW_KEYPAIR, server: { id: RUNNING_SERVERS[0], port: 'x', auth: { type: 'bad' } } });
  const BODIES: Record<string, string> = {
    'arrays nested half a million deep': `${'['.repeat(NEAR / 2)}${']'.repeat(NEAR / 2)}`,
    'objects nested 170,000 deep': `${'{"a":'.repeat(NEAR / 6)}1${'}'.repeat(NEAR / 6)}`,
    'an object with 60,000 members': `{${Array.from({ length: 60_000 }, (_, i) => `"k${i}":1`).join(',')}}`,
    'a batch of ~7,000 invalid entries (every one an ajv error)': `{"batch_keypairs":[${Array.from({ length: Math.floor(NEAR / (badEntry.length + 1)) - 1 }, () => badEntry).join(',')}]}`,
  };

  for (const [name, body] of Object.entries(BODIES)) {
    test(`huawei: a signed body of ${name} gets 400 in the error shape within 2 s`, async () => {
      // Arrange
      expect(Buffer.byteLength(body)).toBeLessThanOrEqual(MIB);
      const target = name.startsWith('a batch') ? `/v3/${PROJECT_ID}/keypairs/batch-associate` : HUAWEI_TARGET;
      const wire = signHuawei({ method: 'POST', target, headers: { 'Content-Type': 'application/json' }, body }, mock.port);
      // Act
      const outcome = await rawExchange(mock.port, rawRequest(wire, mock.port, ['Connection: close']), 5_000);
      // Assert
      const response = onlyResponse(outcome);
      expect(response.status, response.body.slice(0, 200)).toBe(400);
      expect(problemsWith('huawei', response)).toEqual([]);
      expect(outcome.ms).toBeLessThan(2_000);
    });
  }
});

test.describe('thousands of headers', () => {
  for (const cloud of ['huawei', 'volcengine'] as const) {
    test(`${cloud}: an unsigned request with 3,000 headers gets 401 in the cloud's shape`, async () => {
      // Arrange: 3,000 short headers (~40 KiB), under the 64 KiB header limit.
      const raw = `GET ${cloud === 'huawei' ? `/v3/${PROJECT_ID}/tasks/t-1` : VOLC_TARGET} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n${padHeaders(3_000).join('\r\n')}\r\n\r\n`;
      // Act
      const outcome = await rawExchange(mock.port, raw, 5_000);
      // Assert
      const response = onlyResponse(outcome);
      expect(response.status).toBe(401);
      expect(problemsWith(cloud, response)).toEqual([]);
    });

    test(`${cloud}: a valid signed request followed by 3,000 unsigned headers is still verified and served`, async () => {
      // Arrange: the signed headers come first; the mock keeps only the first 2,000 headers.
      const wire =
        cloud === 'huawei'
          ? signHuawei(
              {
                method: 'POST',
                target: HUAWEI_TARGET,
                headers: { 'Content-Type': 'application/json' },
                body: JSON.stringify({ keypair_name: HW_KEYPAIR, server: { id: RUNNING_SERVERS[21] } }),
              },
              mock.port,
            )
          : signVolcengine({ method: 'GET', target: attachTarget([RUNNING_INSTANCES[21]!], VOLC_KEYPAIR.name), headers: {} }, mock.port);
      // Act
      const outcome = await rawExchange(mock.port, rawRequest(wire, mock.port, ['Connection: close', ...padHeaders(3_000)]), 5_000);
      // Assert
      const response = onlyResponse(outcome);
      expect(problemsWith(cloud, response)).toEqual([]);
      expect(response.status, response.body).toBe(cloud === 'huawei' ? mock.options.huaweiSuccessStatus : 200);
    });
  }

  test('huawei: headers over the 64 KiB limit get 400 in the gateway shape and the connection is closed', async () => {
    // Arrange: 2,000 headers of ~70 bytes each, ~140 KiB.
    const raw = `GET /v3/${PROJECT_ID}/tasks/t-1 HTTP/1.1\r\nHost: 127.0.0.1\r\n${padHeaders(2_000, `X-${'p'.repeat(60)}`).join('\r\n')}\r\n\r\n`;
    // Act
    const outcome = await rawExchange(mock.port, raw, 5_000);
    // Assert
    const response = onlyResponse(outcome);
    expect(response.status).toBe(400);
    expect(problemsWith('huawei', response)).toEqual([]);
    expect(outcome.end).toBe('closed');
    await expectMockServesValidRequests(mock, 12);
  });
});

test.describe('slow clients', () => {
  // A mock of its own, with a short request timeout, so that cutting off a slow client is observable.
  let slowMock: RunningMock;
  const REQUEST_TIMEOUT_MS = 500;
  const CUT_OFF_WITHIN_MS = 3_000;

  test.beforeAll(async () => {
    slowMock = await startMock({ port: 0, requestTimeoutMs: REQUEST_TIMEOUT_MS });
  });

  test.afterAll(async () => {
    await slowMock?.close();
  });

  // BUG-1 (src/mock/start-mock.ts, createServer options): `requestTimeout`/`headersTimeout` are set, but
  // node:http only checks them every `connectionsCheckingInterval`, 30 s by default, so a stalled client is
  // cut off 30 s after it stalls, whatever requestTimeoutMs says (measured: 30,006 ms with 500 ms set).
  // Fix: also pass `connectionsCheckingInterval: Math.max(100, Math.min(1_000, Math.floor(requestTimeoutMs / 2)))`.
  test('a client that sends half its headers and stalls is cut off within a few seconds (BUG-1)', async () => {
    // Arrange
    const socket = await openRaw(slowMock.port);
    const started = Date.now();
    // Act: a request line and one header, then nothing.
    socket.write(`GET /v3/${PROJECT_ID}/tasks/t-1 HTTP/1.1\r\nHost: 127.0.0.1\r\n`);
    const outcome = await watchRaw(socket, CUT_OFF_WITHIN_MS, started);
    // Assert: closed in time; whatever was said before closing is a documented gateway answer.
    expect(outcome.end, `after ${outcome.ms} ms`).toBe('closed');
    for (const response of parseRawResponses(outcome.text)) expect(problemsWith('huawei', response)).toEqual([]);
  });

  // BUG-1 again: the body phase is governed by the same 30 s check.
  test('a client that sends its headers and part of the body, then stalls, is cut off within a few seconds (BUG-1)', async () => {
    // Arrange
    const socket = await openRaw(slowMock.port);
    const started = Date.now();
    // Act: 100 bytes promised, 10 sent.
    socket.write(`POST ${HUAWEI_TARGET} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n{"keypair_`);
    const outcome = await watchRaw(socket, CUT_OFF_WITHIN_MS, started);
    // Assert
    expect(outcome.end, `after ${outcome.ms} ms`).toBe('closed');
    for (const response of parseRawResponses(outcome.text)) expect(problemsWith('huawei', response)).toEqual([]);
  });

  test('20 stalled clients do not hold up anyone else: other connections are answered at once', async () => {
    // Arrange: 20 connections stalled mid-headers and mid-body.
    const stalled: Socket[] = [];
    for (let i = 0; i < 20; i++) {
      const socket = await openRaw(slowMock.port);
      socket.on('error', () => undefined);
      socket.write(
        i % 2 === 0 ? `GET ${VOLC_TARGET} HTTP/1.1\r\nHost: 127.0.0.1\r\n` : `POST ${HUAWEI_TARGET} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 50\r\n\r\n{`,
      );
      stalled.push(socket);
    }
    try {
      // Act + Assert: valid requests of both clouds answered, promptly.
      const started = Date.now();
      await expectMockServesValidRequests(slowMock, 30);
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      for (const socket of stalled) socket.destroy();
    }
  });
});

test.describe('clients that vanish mid-request', () => {
  test('60 clients that reset (RST) or hang up (FIN) during the headers or the body do not crash the mock', async () => {
    // Arrange: catch anything the mock might throw outside a request handler.
    const escaped: unknown[] = [];
    const onError = (error: unknown) => escaped.push(error);
    process.on('uncaughtException', onError);
    process.on('unhandledRejection', onError);
    const stages = ['mid-headers', 'after-headers', 'mid-body', 'whole-request'] as const;
    try {
      // Act
      for (let i = 0; i < 60; i++) {
        const cloud: Cloud = i % 2 === 0 ? 'huawei' : 'volcengine';
        const stage = stages[i % stages.length]!;
        const head = `POST ${TARGETS[cloud]} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 20000\r\n`;
        const sent =
          stage === 'mid-headers'
            ? head
            : stage === 'after-headers'
              ? `${head}\r\n`
              : stage === 'mid-body'
                ? `${head}\r\n${'a'.repeat(10_000)}`
                : `${head}\r\n${'a'.repeat(20_000)}`;
        const socket = await openRaw(mock.port);
        socket.on('error', () => undefined);
        socket.write(sent);
        await new Promise((resolve) => setTimeout(resolve, 5));
        if (i % 3 === 0) socket.destroy();
        else socket.resetAndDestroy();
      }
      // Give the mock a moment to notice the resets.
      await new Promise((resolve) => setTimeout(resolve, 200));
      // Assert: nothing escaped, and the mock still serves.
      await expectMockServesValidRequests(mock, 13);
      expect(escaped.map(String)).toEqual([]);
    } finally {
      process.off('uncaughtException', onError);
      process.off('unhandledRejection', onError);
    }
  });
});

test.describe('bytes that are not HTTP', () => {
  /** 400 in a gateway's error shape, or a closed connection without an answer; never silence on an open one. */
  function expectRefusedOrClosed(outcome: RawOutcome, what: string): void {
    const responses = parseRawResponses(outcome.text);
    if (responses.length === 0) {
      expect(outcome.end, `${what}: no answer and the connection still open after ${outcome.ms} ms`).toBe('closed');
      expect(outcome.text, `${what}: bytes that are not an HTTP response`).toBe('');
      return;
    }
    const response = responses[0]!;
    expect(response.status, `${what}: ${JSON.stringify(outcome.text.slice(0, 200))}`).toBe(400);
    // Garbage belongs to neither cloud: either error shape will do.
    const huawei = problemsWith('huawei', response);
    const volcengine = problemsWith('volcengine', response);
    expect(huawei.length === 0 || volcengine.length === 0, `${what}: ${huawei.join('; ')} | ${volcengine.join('; ')}`).toBe(true);
  }

  const NAMED: Record<string, Buffer> = {
    'a TLS ClientHello': Buffer.from('16030100a5010000a10303' + '00'.repeat(32) + '000020c02bc02f', 'hex'),
    'the HTTP/2 preface': Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'),
    'an SSH banner': Buffer.from('SSH-2.0-OpenSSH_9.6\r\n'),
    'NUL bytes': Buffer.alloc(64, 0),
    'a JSON body without a request line': Buffer.from('{"keypair_name":"kp-alpha"}\r\n\r\n'),
    'a lower-case method': Buffer.from(`get ${HUAWEI_TARGET} HTTP/1.1\r\nHost: a\r\n\r\n`),
    'HTTP/3.0': Buffer.from(`GET ${VOLC_TARGET} HTTP/3.0\r\nHost: a\r\n\r\n`),
    'a response instead of a request': Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n'),
    'an invalid header line': Buffer.from(`GET ${HUAWEI_TARGET} HTTP/1.1\r\nHost: a\r\nno colon here\r\n\r\n`),
    'a control byte in the target': Buffer.from(`GET /v3/\x01/tasks/x HTTP/1.1\r\nHost: a\r\n\r\n`),
    'both Content-Length and chunked': Buffer.from(
      `POST ${HUAWEI_TARGET} HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
    ),
    'a bad chunk size': Buffer.from(`POST ${HUAWEI_TARGET} HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\nabc\r\n`),
    'a 200 KiB request line': Buffer.from(`GET /v3/${'a'.repeat(200 * 1024)} HTTP/1.1\r\n`),
  };

  for (const [name, bytes] of Object.entries(NAMED)) {
    test(`${name} gets a 400 or a closed connection, never a hang`, async () => {
      // Act
      const outcome = await rawExchange(mock.port, bytes, 2_000);
      // Assert
      expectRefusedOrClosed(outcome, name);
    });
  }

  test('300 generated byte strings that cannot start a request get a 400 or a closed connection, never a hang', async () => {
    // Arrange: the first byte is no method letter and no CR/LF (which HTTP allows before a request).
    const firstByte = fc.integer({ min: 0, max: 255 }).filter((b) => !/[A-Za-z\r\n]/.test(String.fromCharCode(b)));
    const payloads = fc.sample(
      fc.tuple(firstByte, fc.uint8Array({ maxLength: 2_000 })).map(([b, rest]) => Buffer.concat([Buffer.from([b]), rest])),
      { seed: 0x6a7b, numRuns: 300 },
    );
    // Act
    const outcomes = await runPool(payloads, 16, Date.now() + 30_000, (p) => rawExchange(mock.port, p, 2_000));
    // Assert
    outcomes.forEach((outcome, i) => {
      expect(outcome, `payload ${i} was not sent in time`).toBeDefined();
      expectRefusedOrClosed(outcome!, `payload ${i} ${payloads[i]!.subarray(0, 16).toString('hex')}`);
    });
    await expectMockServesValidRequests(mock, 14);
  });

  test('300 generated byte strings followed by a hang-up are all closed within 2 s, and anything answered is documented JSON', async () => {
    // Arrange: any bytes at all, HTTP-like prefixes included; the client half-closes after them.
    const httpish = fc.tuple(
      fc.constantFrom('GET ', 'POST ', 'GET / HTTP/1.1\r\n', `POST ${HUAWEI_TARGET} HTTP/1.1\r\nHost: a\r\n`, '\r\n', ''),
      fc.uint8Array({ maxLength: 500 }),
    );
    const payloads = fc.sample(
      httpish.map(([prefix, rest]) => Buffer.concat([Buffer.from(prefix), rest])),
      { seed: 0x6a7c, numRuns: 300 },
    );
    const documented = new Set([...DOCUMENTED_STATUSES.huawei, ...DOCUMENTED_STATUSES.volcengine]);
    // Act
    const outcomes = await runPool(payloads, 16, Date.now() + 30_000, (p) => rawExchange(mock.port, p, 2_000, { halfClose: true }));
    // Assert
    outcomes.forEach((outcome, i) => {
      const what = `payload ${i} ${JSON.stringify(payloads[i]!.subarray(0, 40).toString('latin1'))}`;
      expect(outcome?.end, `${what} was not closed within 2 s`).toBe('closed');
      for (const response of parseRawResponses(outcome!.text)) {
        expect(documented.has(response.status), `${what}: status ${response.status}`).toBe(true);
        expect(() => JSON.parse(response.body), `${what}: body ${JSON.stringify(response.body.slice(0, 100))}`).not.toThrow();
      }
    });
    await expectMockServesValidRequests(mock, 15);
  });
});

test.describe('many connections at once', () => {
  test('200 connections opened at once, each with a request, are all answered', async () => {
    // Arrange: 200 open connections first, then a request on every one: valid and unsigned, both clouds.
    const sockets = await Promise.all(Array.from({ length: 200 }, () => openRaw(mock.port)));
    const plans = sockets.map((_, i) => {
      const cloud: Cloud = i % 2 === 0 ? 'huawei' : 'volcengine';
      const valid = i % 4 < 2;
      const n = 40 + Math.floor(i / 4);
      const wire: Unsigned =
        cloud === 'huawei'
          ? {
              method: 'POST',
              target: HUAWEI_TARGET,
              headers: { 'Content-Type': 'application/json' },
              body: JSON.stringify({ keypair_name: HW_KEYPAIR, server: { id: RUNNING_SERVERS[n % RUNNING_SERVERS.length] } }),
            }
          : { method: 'GET', target: attachTarget([RUNNING_INSTANCES[n % RUNNING_INSTANCES.length]!], VOLC_KEYPAIR.name), headers: {} };
      const signed = valid ? (cloud === 'huawei' ? signHuawei(wire, mock.port) : signVolcengine(wire, mock.port)) : wire;
      const expected = valid ? (cloud === 'huawei' ? mock.options.huaweiSuccessStatus : 200) : 401;
      return { cloud, expected, bytes: rawRequest(signed, mock.port, ['Connection: close']) };
    });
    // Act
    const started = Date.now();
    const outcomes = await Promise.all(
      sockets.map((socket, i) => {
        const watching = watchRaw(socket, 10_000, started);
        socket.write(plans[i]!.bytes);
        return watching;
      }),
    );
    // Assert: every connection got its answer and was closed as asked, well within the wait.
    outcomes.forEach((outcome, i) => {
      const plan = plans[i]!;
      const responses = parseRawResponses(outcome.text);
      expect(responses, `connection ${i}: ${JSON.stringify(outcome.text.slice(0, 200))} after ${outcome.ms} ms`).toHaveLength(1);
      expect(responses[0]!.status, `connection ${i}: ${responses[0]!.body}`).toBe(plan.expected);
      expect(problemsWith(plan.cloud, responses[0]!)).toEqual([]);
      expect(outcome.end).toBe('closed');
    });
    expect(Math.max(...outcomes.map((o) => o.ms))).toBeLessThan(10_000);
  });
});

test.describe('known mock bugs at the HTTP layer', () => {
  // BUG-2 (src/mock/start-mock.ts, the 'clientError' handler): a request the HTTP parser refuses is always
  // answered `{"error_code":"APIGW.0201","error_msg":"API request error."}`, Huawei's shape, even when it
  // was addressed to the Volcengine gateway (`/?Action=…`), where the documented error is the envelope
  // `{ResponseMetadata:{RequestId,Service,Region,Error:{Code,Message}}}` (ecs.envelope).
  // Fix: in the handler, read the request-target from `error.rawPacket` (a Buffer of what was parsed; absent
  // for timeouts, so remember the first line per socket) and, when its path is `/` or empty, answer the
  // Volcengine envelope (Code `InvalidParameter` or similar, Service `ecs`, the fixtures' region).
  test('a Volcengine request the HTTP parser refuses is answered in the Volcengine error envelope (BUG-2)', async () => {
    // Arrange
    const ids = Array.from({ length: 5_000 }, (_, i) => `InstanceIds.${i + 1}=${RUNNING_INSTANCES[0]}`).join('&');
    const variants: Record<string, string> = {
      'a target over 64 KiB': `GET ${VOLC_TARGET}&${ids}&KeyPairName=${VOLC_KEYPAIR.name} HTTP/1.1\r\nHost: a\r\n\r\n`,
      'a raw non-ASCII byte in the target': `GET ${VOLC_TARGET}&ClientToken=\xe4 HTTP/1.1\r\nHost: a\r\n\r\n`,
      'an unknown method': `FOO ${VOLC_TARGET} HTTP/1.1\r\nHost: a\r\n\r\n`,
      'a Content-Length that is not a number': `POST ${VOLC_TARGET} HTTP/1.1\r\nHost: a\r\nContent-Length: abc\r\n\r\n`,
    };
    for (const [name, raw] of Object.entries(variants)) {
      // Act
      const outcome = await rawExchange(mock.port, raw, 3_000);
      // Assert
      const responses = parseRawResponses(outcome.text);
      expect.soft(responses.length, `${name}: answered`).toBe(1);
      if (responses[0]) expect.soft(problemsWith('volcengine', responses[0]), name).toEqual([]);
    }
  });

  // BUG-3 (src/mock/start-mock.ts): node:http answers an `Expect` header other than `100-continue` itself,
  // with 417 Expectation Failed and an empty body, before the mock sees the request. 417 is documented for
  // neither cloud (status-documented) and the body is not the error shape.
  // Fix: `server.on('checkExpectation', (req, res) => void handle(ctx, req, res))`, so such requests go
  // through the gateways like any other (the clouds ignore Expect).
  test('an Expect header other than 100-continue gets a documented status in the cloud shape, not 417 (BUG-3)', async () => {
    for (const cloud of ['huawei', 'volcengine'] as const) {
      // Arrange
      const raw = `POST ${TARGETS[cloud]} HTTP/1.1\r\nHost: a\r\nExpect: 200-ok\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`;
      // Act
      const outcome = await rawExchange(mock.port, raw, 3_000);
      // Assert: the unsigned request's 401, in the cloud's shape.
      const response = onlyResponse(outcome);
      expect.soft(problemsWith(cloud, response, { allowedStatuses: [401] }), cloud).toEqual([]);
    }
  });

  // BUG-4 (src/mock/start-mock.ts): node:http refuses an HTTP/1.1 request without `Host` itself (its default
  // `requireHostHeader: true`) with a bare 400: no Content-Type, an empty chunked body, no error shape.
  // Fix: `createServer({ requireHostHeader: false, … })`, so the gateways answer (401 for this unsigned
  // request), or answer it in the 'clientError' style with a JSON body.
  test('an HTTP/1.1 request without Host gets a JSON error body in the cloud shape (BUG-4)', async () => {
    for (const cloud of ['huawei', 'volcengine'] as const) {
      // Arrange
      const raw = `GET ${cloud === 'huawei' ? `/v3/${PROJECT_ID}/tasks/t-1` : VOLC_TARGET} HTTP/1.1\r\nConnection: close\r\n\r\n`;
      // Act
      const outcome = await rawExchange(mock.port, raw, 3_000);
      // Assert
      const response = onlyResponse(outcome);
      expect.soft(problemsWith(cloud, response), cloud).toEqual([]);
    }
  });
});
