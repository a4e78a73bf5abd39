import { test, expect } from '@playwright/test';
import fc from 'fast-check';
import type { Agent } from 'node:http';
import { startMock, type RunningMock } from '../../../src/mock/index.ts';
import { echoesTraceText, huaweiBadCase, toWire, volcengineBadCase, type BadCase } from './_helpers/bad-request-arbitraries.ts';
import { keepAliveAgent, runPool, send } from './_helpers/http-client.ts';
import { expectMockServesValidRequests } from './_helpers/mock-requests.ts';
import { problemsWith, traceIn } from './_helpers/response-checks.ts';

// Issue 3, point 7: bad input never crashes the mock, never hangs it, never leaks a stack trace.
// 10,000 generated bad requests (5,000 per cloud, fixed seeds), 16 at a time over keep-alive connections
// to one mock. Every answer must have a documented status, JSON in the cloud's error shape for 4xx/5xx,
// no stack-trace text, arrive within REQUEST_TIMEOUT_MS, and not be a 5xx (a 5xx to bad input is the
// mock's own code throwing); afterwards the mock must still serve valid signed requests.

test.describe.configure({ mode: 'default' });

const PER_CLOUD = 5_000;
const CONCURRENCY = 16;
const REQUEST_TIMEOUT_MS = 5_000;
/** Each cloud's batch must be sent within this; the whole file stays under a minute on two cores. */
const BATCH_BUDGET_MS = 25_000;
const SEEDS = { huawei: 0x5eed_0007, volcengine: 0x5eed_0703 } as const;

/** Kinds each batch must hold at least MIN_PER_KIND of, so the coverage the issue asks for is proven, not hoped for. */
const REQUIRED_KINDS = {
  huawei: ['huawei/malformed-json', 'huawei/wrong-shape-json', 'huawei/unknown-api', 'huawei/task-lookup', 'huawei/unknown-method'],
  volcengine: [
    'volcengine/unknown-action-or-version',
    'volcengine/absurd-index',
    'volcengine/huge-count',
    'volcengine/bad-client-token',
    'volcengine/odd-parameters',
    'volcengine/raw-query',
  ],
} as const;
const MIN_PER_KIND = 100;

let mock: RunningMock;

test.beforeAll(async () => {
  mock = await startMock({ port: 0 });
});

test.afterAll(async () => {
  await mock?.close();
});

interface Failure {
  readonly kind: string;
  readonly request: string;
  readonly answer: string;
  readonly problems: readonly string[];
}

/** Sends every case and returns what went wrong, with a tally of statuses by kind for the report. */
async function sendAll(
  cases: readonly BadCase[],
  agent: Agent,
): Promise<{ failures: Failure[]; sent: number; tally: Record<string, Record<string, number>>; ms: number }> {
  const started = Date.now();
  const failures: Failure[] = [];
  const tally: Record<string, Record<string, number>> = {};
  let sent = 0;
  await runPool(cases, CONCURRENCY, started + BATCH_BUDGET_MS, async (c) => {
    const wire = toWire(c, mock.port);
    const answer = await send(mock.port, wire, agent, REQUEST_TIMEOUT_MS);
    sent++;
    const outcome = answer.ok ? String(answer.status) : 'no-answer';
    const row = (tally[c.kind] ??= {});
    row[outcome] = (row[outcome] ?? 0) + 1;

    const problems = answer.ok
      ? problemsWith(c.cloud, answer, { noBody: wire.method === 'HEAD', ...(c.expect ? { allowedStatuses: c.expect } : {}) })
      : [`no answer: ${answer.error}`];
    if (answer.ok && answer.status >= 500) problems.push(`a bad request got ${answer.status}: the mock's handler threw`);
    if (problems.length > 0) {
      const auth = JSON.stringify(c.auth).slice(0, 120);
      failures.push({
        kind: c.kind,
        request: `${wire.method} ${wire.target.slice(0, 200)} auth=${auth} headers=${JSON.stringify(c.request.headers).slice(0, 200)} body=${JSON.stringify(String(c.request.body ?? '')).slice(0, 200)}`,
        answer: answer.ok ? `${answer.status} ${answer.body.slice(0, 300)}` : answer.error,
        problems,
      });
    }
  });
  return { failures, sent, tally, ms: Date.now() - started };
}

test("the answer checks catch what they look for, and pass the mock's own error bodies", () => {
  // Arrange: a real stack trace, raw and as a JSON string; wrong statuses and shapes; good bodies.
  const stack = new Error('boom').stack ?? '';
  const json = { 'content-type': 'application/json;charset=UTF-8' };
  const volcError = JSON.stringify({
    ResponseMetadata: { RequestId: 'r-1', Action: 'AttachKeyPair', Service: 'ecs', Region: 'cn-beijing', Error: { Code: 'MissingParameter', Message: 'x' } },
  });
  // Act + Assert
  expect(traceIn(stack)).toBeDefined();
  expect(traceIn(JSON.stringify({ error_msg: stack }))).toBeDefined();
  expect(traceIn('    at handle (/work/main/src/mock/start-mock.ts:72:5)')).toBeDefined();
  expect(traceIn('SyntaxError: Unexpected token } in JSON at position 1')).toBeDefined();
  expect(traceIn(volcError)).toBeUndefined();
  expect(problemsWith('huawei', { status: 400, headers: json, body: '{"error_code":"KPS.0002","error_msg":"parameter error: the body is not JSON"}' })).toEqual(
    [],
  );
  expect(problemsWith('volcengine', { status: 400, headers: json, body: volcError })).toEqual([]);
  expect(problemsWith('huawei', { status: 417, headers: json, body: '{"error_code":"a","error_msg":"b"}' })).toContain(
    'status 417 is not documented for huawei',
  );
  expect(problemsWith('volcengine', { status: 412, headers: json, body: volcError })).toEqual([]);
  expect(problemsWith('huawei', { status: 412, headers: json, body: '{"error_code":"a","error_msg":"b"}' }).length).toBeGreaterThan(0);
  expect(problemsWith('volcengine', { status: 400, headers: json, body: '{"error_code":"a","error_msg":"b"}' }).length).toBeGreaterThan(0);
  expect(problemsWith('huawei', { status: 400, headers: json, body: '{"error_code":1,"error_msg":"b"}' }).length).toBeGreaterThan(0);
  expect(problemsWith('huawei', { status: 500, headers: { 'content-type': 'text/plain' }, body: stack }).length).toBeGreaterThan(0);
  const withResult = JSON.stringify({ ...JSON.parse(volcError), Result: {} });
  expect(problemsWith('volcengine', { status: 400, headers: json, body: withResult }).length, 'an error with a Result').toBeGreaterThan(0);
});

for (const cloud of ['huawei', 'volcengine'] as const) {
  test(`${cloud}: ${PER_CLOUD} generated bad requests all get a documented status, the error shape, no stack trace, no hang`, async () => {
    test.setTimeout(55_000);
    // Arrange: a fixed seed, so a failure is the same failure on every run.
    const arbitrary = (cloud === 'huawei' ? huaweiBadCase : volcengineBadCase).filter((c) => !echoesTraceText(c));
    const cases = fc.sample(arbitrary, { seed: SEEDS[cloud], numRuns: PER_CLOUD });
    const kinds = new Map<string, number>();
    for (const c of cases) kinds.set(c.kind, (kinds.get(c.kind) ?? 0) + 1);
    for (const kind of REQUIRED_KINDS[cloud]) expect(kinds.get(kind) ?? 0, `generated cases of kind ${kind}`).toBeGreaterThanOrEqual(MIN_PER_KIND);

    // Act: over a fresh keep-alive pool (made after the synchronous sampling, so no connection in it can
    // have been closed by the mock's keep-alive timeout while the event loop was busy).
    const agent = keepAliveAgent(CONCURRENCY);
    const { failures, sent, tally, ms } = await sendAll(cases, agent).finally(() => agent.destroy());
    test.info().annotations.push({ type: 'fuzz', description: `${cloud}: ${sent} requests in ${ms} ms; statuses by kind ${JSON.stringify(tally)}` });

    // Assert: all sent within budget, none answered wrongly, and the mock still works.
    expect(sent, `requests sent within ${BATCH_BUDGET_MS} ms`).toBe(PER_CLOUD);
    expect(failures.slice(0, 15), `${failures.length} of ${sent} bad requests were answered wrongly (first 15 shown)`).toEqual([]);
    await expectMockServesValidRequests(mock, cloud === 'huawei' ? 1 : 2);
  });
}

test('after both batches (10,000 bad requests) the same mock still serves valid signed requests of both clouds', async () => {
  // Arrange: the mock of this file, which the two batches above have just hammered.
  // Act + Assert: a valid bind and its task lookup, and a valid attach, all answered correctly.
  await expectMockServesValidRequests(mock, 3);
});
