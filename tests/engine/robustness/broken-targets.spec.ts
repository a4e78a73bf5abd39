import { isClientRule, RULES } from '../../../src/rules/rules.ts';
import { test, expect } from '@playwright/test';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Cloud } from '../../../src/families/api-families.ts';
import { runCloud, rulesOf } from '../../../src/engine/run/run-cloud.ts';
import type { RuleVerdict } from '../../../src/engine/verdicts/rule-verdict.ts';
import { startMock } from '../../../src/mock/index.ts';
import { MOCK_ENV, resolveTarget, targetDocument, type TargetDocument } from '../trust/_helpers/target-files.ts';
import { garbageBytes, isVolcengineRequest, startFake, type FakeHandler } from './_helpers/fake-target.ts';

// A broken target is a finding, never a crash (src/engine/transport/http-transport.ts). Fake targets on
// 127.0.0.1 answer garbage, hang, reset, answer 500, or throttle; the run must end, within a bound, with
// failures that say what happened, and never pass a rule that no valid answer decided. The runs restore
// fixtures afterwards, as for any target but the embedded mock, so the restore meets the broken answers too.

test.describe.configure({ mode: 'parallel' });

const CLOUDS: readonly Cloud[] = ['huaweicloud', 'volcengine'];
const OPS: Readonly<Record<Cloud, readonly string[]>> = { huaweicloud: ['kps.associate', 'kps.batch-associate'], volcengine: ['ecs.attach-key-pair'] };
const SETTINGS = { seed: 1, runs: 2 };
const REQUEST_TIMEOUT_MS = 300;
/** A broken target answers at once (but for the hang): a whole run against it stays well within this. */
const RUN_BUDGET_MS = 20_000;

/** A target file with both clouds at `url`, the default mock's fixtures and short safety limits. */
function brokenTargetDocument(url: string, safety: Record<string, number> = {}): TargetDocument {
  return targetDocument(url, (doc) => {
    doc.huaweicloud.taskTimeoutMs = 1_000;
    Object.assign(doc.safety, { requestTimeoutMs: REQUEST_TIMEOUT_MS, ...safety });
  });
}

/** Runs one cloud against a fake answering with `handler`, timed; the fake is closed after. */
async function runAgainstFake(cloud: Cloud, handler: FakeHandler, safety?: Record<string, number>) {
  const fake = await startFake(handler);
  try {
    const target = resolveTarget(brokenTargetDocument(fake.url, safety));
    const started = performance.now();
    const { verdicts, requests, couldNotRun } = await runCloud(cloud, target, SETTINGS);
    return { verdicts, requests, couldNotRun, ms: performance.now() - started };
  } finally {
    await fake.close();
  }
}

const verdict = (verdicts: readonly RuleVerdict[], rule: string) => verdicts.find((v) => v.rule === rule)!;
const passed = (verdicts: readonly RuleVerdict[]) => verdicts.filter((v) => v.status === 'pass').map((v) => v.rule);
const op = (ops: readonly string[], name: string) => ops.map((o) => `${o}.${name}`);

/** Every rule of the cloud has a verdict; a skipped one says why. */
function expectEveryRuleReported(cloud: Cloud, verdicts: readonly RuleVerdict[]): void {
  expect(verdicts.map((v) => v.rule)).toEqual(rulesOf(cloud));
  for (const v of verdicts.filter((x) => x.status === 'skipped')) expect(v.reason, v.rule).toBeTruthy();
}

/**
 * A target that never answered broke no rule: the run could not run (exit 3), `couldNotRun` names the
 * cause, nothing fails, and each operation's status-documented is skipped saying so.
 */
function expectCouldNotRun(run: { verdicts: readonly RuleVerdict[]; couldNotRun?: string }, cloud: Cloud, cause: RegExp): void {
  expect(run.couldNotRun).toMatch(/^the target never answered \(/);
  expect(run.couldNotRun).toMatch(cause);
  expect(run.verdicts.filter((v) => v.status === 'fail').map((v) => v.rule)).toEqual([]);
  for (const rule of op(OPS[cloud], 'status-documented')) {
    const v = verdict(run.verdicts, rule);
    expect(v.status, rule).toBe('skipped');
    expect(v.reason, rule).toBe(`could not run: ${run.couldNotRun}`);
  }
}

// --- (a) garbage ---------------------------------------------------------------------------------------

const GARBAGE: Readonly<Record<string, { type: string; body: (n: number) => string | Buffer }>> = {
  'text that is not JSON': { type: 'text/plain; charset=utf-8', body: () => 'Hello from the load balancer. Nothing to see here.' },
  'random bytes': { type: 'application/octet-stream', body: (n) => garbageBytes(n) },
  'broken JSON labelled application/json': { type: 'application/json', body: () => '{"task_id": "abc", "status": SUCC' },
};
const garbage =
  (kind: string): FakeHandler =>
  (_req, res, n) => {
    res.writeHead(200, { 'content-type': GARBAGE[kind]!.type });
    res.end(GARBAGE[kind]!.body(n));
  };
const labelledJson = (kind: string) => GARBAGE[kind]!.type.startsWith('application/json');

/**
 * Rules a 2xx answer decides by its status alone, so that they may pass on a garbage body: the status is
 * documented, not a 4xx, not a 5xx, a documented success status, accepted.
 */
const STATUS_ONLY: Readonly<Record<Cloud, readonly string[]>> = {
  huaweicloud: [
    ...op(OPS.huaweicloud, 'status-documented'),
    ...op(OPS.huaweicloud, 'accepts-valid'),
    ...op(OPS.huaweicloud, 'no-server-error'),
    'kps.associate.success-status',
    'kps.batch-associate.success-status',
    'kps.associate.replace-or-reset',
  ],
  volcengine: [...op(OPS.volcengine, 'status-documented'), ...op(OPS.volcengine, 'accepts-valid'), ...op(OPS.volcengine, 'no-server-error')],
};
/** Passes that are bugs, each asserted by its own test.fail() below; kept out of the general checks. */
const KNOWN_FALSE_PASSES = ['kps.batch-associate.not-running', 'kps.batch-associate.already-bound'];

for (const kind of Object.keys(GARBAGE)) {
  test(`huaweicloud, ${kind}: the run ends, content and shape rules fail, nothing needing a body passes`, async () => {
    // Act
    const { verdicts, ms } = await runAgainstFake('huaweicloud', garbage(kind));

    // Assert
    expect(ms).toBeLessThan(RUN_BUDGET_MS);
    expectEveryRuleReported('huaweicloud', verdicts);
    const allowed = [...STATUS_ONLY.huaweicloud, ...(labelledJson(kind) ? op(OPS.huaweicloud, 'content-type') : []), ...KNOWN_FALSE_PASSES];
    expect(
      passed(verdicts).filter((r) => !allowed.includes(r)),
      'passed without a valid answer',
    ).toEqual([]);
    const mustFail = [
      ...op(OPS.huaweicloud, 'rejects-invalid'),
      'kps.associate.malformed-json',
      ...(labelledJson(kind) ? [] : op(OPS.huaweicloud, 'content-type')),
    ];
    for (const rule of mustFail) expect(verdict(verdicts, rule).status, rule).toBe('fail');
    if (!labelledJson(kind)) expect(verdict(verdicts, 'kps.associate.content-type').failures[0]?.received).toBe(GARBAGE[kind]!.type);
  });

  // Was a bug, fixed (src/engine/run/volcengine/idempotency-model.ts, Replay.run): a first call answered 2xx without
  // Result.OperationDetails is remembered with details undefined; the replay's failure message then calls
  // JSON.stringify(undefined).slice(…) and throws a TypeError, which fc.assert rethrows: runCloud('volcengine')
  // rejects and every Volcengine verdict is lost. Under the CLI, against a text/plain 200 target, every
  // Volcengine rule came out failed ("the run did not decide it") and the run took 40-63 s, not ~10.
  // Fix: in FirstCall remember a token only when Array.isArray(details(x)), and write
  // `String(JSON.stringify(t.details)).slice(0, 300)`; runCloud could also turn an unexpected error of a
  // plan into failures of the rules left undecided instead of rejecting.
  test(`volcengine, ${kind}: the run ends and ecs.envelope fails`, async () => {
    // Act
    const { verdicts, ms } = await runAgainstFake('volcengine', garbage(kind));

    // Assert
    expect(ms).toBeLessThan(RUN_BUDGET_MS);
    expectEveryRuleReported('volcengine', verdicts);
    expect(verdict(verdicts, 'ecs.envelope').status).toBe('fail');
    if (!labelledJson(kind)) expect(verdict(verdicts, 'ecs.attach-key-pair.content-type').status).toBe('fail');
    const allowed = [...STATUS_ONLY.volcengine, ...(labelledJson(kind) ? op(OPS.volcengine, 'content-type') : [])];
    expect(
      passed(verdicts).filter((r) => !allowed.includes(r)),
      'passed without a valid answer',
    ).toEqual([]);
  });
}

// Was a bug, fixed (src/engine/checks/generic-checks.ts, <op>.response-schema): a body that does not parse as JSON is
// 'not-applicable', so a 2xx labelled application/json whose body is broken JSON fails no body rule at all
// (content-type holds: the label is JSON). RULES.md: "every response body validates against the documented
// schema for its status". Fix: when the status has a documented schema and the body is non-empty but
// x.response.json is undefined, throw ContractFailure('Response is not JSON', …).
test('huaweicloud, broken JSON labelled application/json: response-schema fails', async () => {
  // Act
  const { verdicts } = await runAgainstFake('huaweicloud', garbage('broken JSON labelled application/json'));

  // Assert
  for (const rule of op(OPS.huaweicloud, 'response-schema')) expect(verdict(verdicts, rule).status, rule).toBe('fail');
});

// Was a bug, fixed (src/engine/checks/kps-batch-checks.ts, judgeEntries): for not-running and already-bound, any status
// >= 400 counts as "the whole request is 400", and any task status but SUCCESS counts as FAILED, a missing
// task included. So a target that answers 500 passes both rules, and one that answers 2xx with no tasks
// passes not-running (already-bound too, when its case runs). RULES.md: "its task is FAILED or the whole
// request is 400; never SUCCESS". Fix: hold only on 400 (a 5xx or other 4xx is not-applicable, judged by
// no-server-error / status-documented) and only on a task whose status is FAILED or Failed; a missing task
// is not-applicable (one-task-per-server's).
const FALSE_PASS_TARGETS: readonly [string, FakeHandler][] = [
  ['500 to everything', (req, res) => answer500(req, res)],
  ['text that is not JSON', garbage('text that is not JSON')],
];
for (const [name, handler] of FALSE_PASS_TARGETS) {
  test(`huaweicloud, ${name}: not-running and already-bound do not pass`, async () => {
    // Act
    const { verdicts } = await runAgainstFake('huaweicloud', handler);

    // Assert
    expect(passed(verdicts).filter((r) => KNOWN_FALSE_PASSES.includes(r))).toEqual([]);
  });
}

// --- (b) hang, (c) reset -------------------------------------------------------------------------------

/** Each hanging request costs requestTimeoutMs, and a run sends ~175 (Huawei): the budget caps it. */
const HANG_MAX_REQUESTS = 6;
const hang: FakeHandler = () => {};
const reset: FakeHandler = (req) => req.socket.destroy();

for (const cloud of CLOUDS) {
  test(`${cloud}, a target that never answers: each request times out, the run gives up after 5, could not run`, async () => {
    // Act
    const run = await runAgainstFake(cloud, hang, { maxRequests: HANG_MAX_REQUESTS });
    const { verdicts, ms, requests } = run;

    // Assert: five requests in a row without an answer end the run (src/engine/transport/http-transport.ts)
    expect(requests).toBe(5);
    expect(ms).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS);
    expect(ms).toBeLessThan(HANG_MAX_REQUESTS * REQUEST_TIMEOUT_MS + 5_000);
    expectEveryRuleReported(cloud, verdicts);
    expect(passed(verdicts)).toEqual([]);
    expectCouldNotRun(run, cloud, /no answer within safety\.requestTimeoutMs/);
    for (const v of verdicts.filter((x) => x.status === 'skipped' && !x.reason?.startsWith('missing fixture')))
      expect(v.reason, v.rule).toBe(`could not run: ${run.couldNotRun}`);
  });

  test(`${cloud}, a target that resets every connection: the run ends, could not run, nothing passes or fails`, async () => {
    // Act
    const run = await runAgainstFake(cloud, reset);
    const { verdicts, ms } = run;

    // Assert
    expect(ms).toBeLessThan(RUN_BUDGET_MS);
    expectEveryRuleReported(cloud, verdicts);
    expect(passed(verdicts)).toEqual([]);
    expectCouldNotRun(run, cloud, /fetch failed/);
  });

  // Was a bug, fixed (src/engine/run/run-cloud.ts, the reason for a rule no check applied to): against a target that
  // never answered, the rules are skipped with "no case exercised it with these fixtures", which sends the
  // reader to a target file that is fine. Fix: when the cloud's exchanges all had no HTTP answer (count
  // exchanges with x.error in EngineContext.onExchange), say "the target gave no HTTP answer (<error>)".
  test(`${cloud}, a target that resets every connection: the skip reasons do not blame the fixtures`, async () => {
    // Act
    const { verdicts } = await runAgainstFake(cloud, reset);

    // Assert
    for (const v of verdicts.filter((x) => x.status === 'skipped')) expect(v.reason, v.rule).not.toMatch(/fixtures/);
  });

  // DEFECT (src/engine/transport/http-transport.ts): nothing gives up on a target that stops answering. A
  // dead endpoint is sent the whole plan (~175 Huawei, ~81-125 Volcengine requests at any --runs), each
  // waiting safety.requestTimeoutMs: with the default 10 s, ~29 min for Huawei, about the runner's own
  // 30-min worker timeout; at 300 ms and runs 1, 53 s. Fix: after N (say 5) consecutive exchanges without an HTTP
  // answer, throw a BudgetExhausted-like "the target stopped answering" so runCloud skips the rest with that
  // reason. A reset costs no waiting, so it shows the count cheaply.
  test(`${cloud}, a target that never answers is given up on after a few requests`, async () => {
    // Act
    const { requests } = await runAgainstFake(cloud, reset);

    // Assert
    expect(requests).toBeLessThanOrEqual(30);
  });
}

// --- (d) 500 to everything -----------------------------------------------------------------------------

/** A 500 in each cloud's documented error shape, request id included: only the status is wrong. */
function answer500(req: IncomingMessage, res: ServerResponse): void {
  if (isVolcengineRequest(req)) {
    const query = new URLSearchParams((req.url ?? '').split('?')[1] ?? '');
    const echo = Object.fromEntries(['Action', 'Version'].filter((k) => query.has(k)).map((k) => [k, query.get(k)]));
    const body = {
      ResponseMetadata: {
        RequestId: 'fake-500',
        ...echo,
        Service: 'ecs',
        Region: 'cn-beijing',
        Error: { Code: 'InternalError', Message: 'An internal error has occurred.' },
      },
    };
    res.writeHead(500, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
    return;
  }
  res.writeHead(500, { 'content-type': 'application/json', 'x-request-id': 'fake-500' });
  res.end(JSON.stringify({ error_code: 'APIGW.0601', error_msg: 'Internal server error.' }));
}

/** Rules a well-shaped 500 may pass: they judge the shape of any answer, or only forbid a 4xx. */
const SHAPE_ONLY: Readonly<Record<Cloud, readonly string[]>> = {
  huaweicloud: [
    ...['status-documented', 'response-schema', 'content-type', 'accepts-valid', 'request-id'].flatMap((r) => op(OPS.huaweicloud, r)),
    'kps.error-shape',
    'kps.error-code-documented',
  ],
  volcengine: [
    ...['status-documented', 'response-schema', 'content-type', 'accepts-valid', 'request-id'].flatMap((r) => op(OPS.volcengine, r)),
    'ecs.envelope',
    'ecs.envelope-echo',
    'ecs.attach-key-pair.error-code-documented',
  ],
};

for (const cloud of CLOUDS) {
  test(`${cloud}, 500 to everything: no-server-error fails, nothing but shape rules passes`, async () => {
    // Act
    const { verdicts, ms } = await runAgainstFake(cloud, answer500);

    // Assert
    expect(ms).toBeLessThan(RUN_BUDGET_MS);
    expectEveryRuleReported(cloud, verdicts);
    for (const rule of op(OPS[cloud], 'no-server-error')) {
      expect(verdict(verdicts, rule).status, rule).toBe('fail');
      expect(verdict(verdicts, rule).failures[0]?.title).toBe('Server error');
    }
    for (const rule of op(OPS[cloud], 'rejects-invalid')) expect(verdict(verdicts, rule).status, rule).toBe('fail');
    const allowed = [...SHAPE_ONLY[cloud], ...KNOWN_FALSE_PASSES];
    expect(
      passed(verdicts).filter((r) => !allowed.includes(r)),
      'passed on a 500',
    ).toEqual([]);
  });
}

// --- (e) throttling ------------------------------------------------------------------------------------

/**
 * A Volcengine gateway in front of a reference mock that throttles every `every`-th request with 429 and
 * `code`, and forwards the others byte for byte (Host included: it is signed).
 */
async function startThrottlingProxy(every: number, code: string) {
  const mock = await startMock({ port: 0, taskDelayMs: 20 });
  const upstream = new URL(mock.url);
  let throttled = 0;
  const fake = await startFake((req, res, n, body) => {
    if (n % every === 0) {
      throttled++;
      const meta = { RequestId: `throttled-${n}`, Action: 'AttachKeyPair', Version: '2020-04-01', Service: 'ecs', Region: 'cn-beijing' };
      res.writeHead(429, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ResponseMetadata: { ...meta, Error: { Code: code, Message: 'Request was denied due to request throttling.' } } }));
      return;
    }
    const forward = httpRequest({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    forward.on('error', () => res.destroy());
    forward.end(body);
  });
  return {
    url: fake.url,
    get throttled() {
      return throttled;
    },
    close: async () => {
      await fake.close();
      await mock.close();
    },
  };
}

async function runThrottled(every: number, code: string) {
  const proxy = await startThrottlingProxy(every, code);
  try {
    const target = resolveTarget(
      // A Volcengine-only target: the document's Huawei member goes.
      targetDocument(proxy.url, (doc) => void Reflect.deleteProperty(doc, 'huaweicloud')),
    );
    const started = performance.now();
    // The mock behind the proxy is thrown away: nothing to restore.
    const { verdicts } = await runCloud('volcengine', target, { seed: 1, runs: 8, restore: false });
    return { verdicts, ms: performance.now() - started, throttled: proxy.throttled };
  } finally {
    await proxy.close();
  }
}

test('volcengine behind a gateway throttling every 3rd request with FlowLimitExceeded: no false failure, flow-limit passes', async () => {
  // Act
  const { verdicts, ms, throttled } = await runThrottled(3, 'FlowLimitExceeded');

  // Assert
  expect(ms).toBeLessThan(RUN_BUDGET_MS);
  expect(throttled).toBeGreaterThan(10);
  expect(
    verdicts.filter((v) => v.status === 'fail').map((v) => `${v.rule}: ${v.failures[0]?.title}`),
    'false failures',
  ).toEqual([]);
  expect(verdict(verdicts, 'ecs.attach-key-pair.flow-limit').status).toBe('pass');
  expect(verdicts.filter((v) => v.status === 'skipped').map((v) => `${v.rule}: ${v.reason}`)).toEqual([]);
});

test('volcengine behind a gateway throttling every 6th request with an undocumented code: flow-limit fails, and only it', async () => {
  // Act
  const { verdicts, throttled } = await runThrottled(6, 'TooManyRequests');

  // Assert
  expect(throttled).toBeGreaterThan(0);
  const flowLimit = verdict(verdicts, 'ecs.attach-key-pair.flow-limit');
  expect(flowLimit.status).toBe('fail');
  expect(flowLimit.failures[0]?.title).toBe('Throttling with an undocumented code');
  expect(flowLimit.failures[0]?.received).toContain('TooManyRequests');
  expect(verdicts.filter((v) => v.status === 'fail').map((v) => v.rule)).toEqual(['ecs.attach-key-pair.flow-limit']);
});

// --- the CLI, end to end -------------------------------------------------------------------------------

const BIN = fileURLToPath(new URL('../../../bin/conformance.mjs', import.meta.url));
const CLI_BOUND_MS = 45_000;

test('npx conformance run against a target that never answers exits 3 (could not run) in bounded time and writes conformance.json saying so', async () => {
  test.setTimeout(CLI_BOUND_MS + 15_000);
  // Arrange
  const fake = await startFake(hang);
  const dir = mkdtempSync(join(tmpdir(), 'conformance-hang-'));
  const targetFile = join(dir, 'target.json');
  const reportDir = join(dir, 'report');
  writeFileSync(targetFile, JSON.stringify(brokenTargetDocument(fake.url, { maxRequests: HANG_MAX_REQUESTS })));
  // A clean environment: nothing of this Playwright run may leak into the one the CLI starts.
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? dir, ...MOCK_ENV };

  // Its own process group, so that a CLI over the bound is stopped with the Playwright run it started.
  const started = performance.now();
  const child = spawn(process.execPath, [BIN, 'run', '--target', targetFile, '--runs', '5', '--seed', '1', '--report-dir', reportDir], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const stopGroup = () => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  try {
    // Act
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const killer = setTimeout(stopGroup, CLI_BOUND_MS);
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('exit', (c, s) => resolve([c, s])));
    clearTimeout(killer);
    const ms = performance.now() - started;

    // Assert
    expect(signal, `killed after ${CLI_BOUND_MS} ms:\n${output.slice(-2000)}`).toBeNull();
    expect(code, output.slice(-2000)).toBe(3);
    expect(output).toContain('could not run');
    expect(ms).toBeLessThan(CLI_BOUND_MS);
    const reportPath = join(reportDir, 'conformance.json');
    expect(existsSync(reportPath), output.slice(-2000)).toBe(true);
    const report = JSON.parse(readFileSync(reportPath, 'utf8')) as {
      outcome: string;
      couldNotRun: { cloud?: string; reason: string }[];
      results: { rule: string; status: string; reason?: string }[];
    };
    // One entry per rule: each cloud's, and the client rules (skipped: no client under test).
    expect(report.results.map((r) => r.rule).sort()).toEqual(
      [...rulesOf('huaweicloud'), ...rulesOf('volcengine'), ...RULES.filter((r) => isClientRule(r.id)).map((r) => r.id)].sort(),
    );
    expect(report.results.filter((r) => r.status === 'pass')).toEqual([]);
    // A target that never answered broke no rule: nothing fails, every cloud rule says it could not run.
    expect(report.results.filter((r) => r.status === 'fail')).toEqual([]);
    expect(report.outcome).toBe('could-not-run');
    expect(report.couldNotRun.map((c) => c.cloud).sort()).toEqual(['huaweicloud', 'volcengine']);
    for (const rule of [...op(OPS.huaweicloud, 'status-documented'), ...op(OPS.volcengine, 'status-documented')]) {
      expect(report.results.find((r) => r.rule === rule)?.reason).toMatch(/^could not run: the target never answered/);
    }
  } finally {
    if (child.exitCode === null && child.signalCode === null) stopGroup();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
