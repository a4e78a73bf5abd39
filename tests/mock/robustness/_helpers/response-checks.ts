import { SpecValidators } from '../../../../src/spec/spec-validators.ts';

export type Cloud = 'huawei' | 'volcengine';

/**
 * The statuses the specs document for each cloud's operations and gateway (specs/*.openapi.yaml,
 * `responses`): anything else is a `<op>.status-documented` violation.
 */
export const DOCUMENTED_STATUSES: Readonly<Record<Cloud, ReadonlySet<number>>> = {
  huawei: new Set([200, 202, 400, 401, 403, 404, 413, 429, 500]),
  volcengine: new Set([200, 400, 401, 403, 404, 412, 413, 429, 500]),
};

/**
 * Which cloud the mock serves a request-target as: Volcengine's RPC gateway is `/` (with the action in
 * the query), everything else is Huawei's `/v3/{project_id}/…` gateway (src/mock/start-mock.ts).
 */
export function cloudOf(target: string): Cloud {
  const q = target.indexOf('?');
  const path = q < 0 ? target : target.slice(0, q);
  return path === '/' || path === '' ? 'volcengine' : 'huawei';
}

/**
 * Text that only a leaked stack trace or internal error would put in a response: V8 frames
 * (`at fn (file:1:2)`), source file positions, Node internals, and `Error:`-prefixed JS messages
 * (`TypeError: …`, `SyntaxError: …`). JSON's `"Error":{` does not match: a quote sits before the colon.
 */
// Written to run in linear time: they also screen long generated inputs.
export const TRACE_PATTERNS: readonly RegExp[] = [
  /(?:^|\n|\\n)\s*at\s/,
  /\bat (?:async )?[^\s()]+ \([^\s()]*:\d+:\d+\)/,
  /\bat (?:file:|node:|\/)[^\s()]*:\d+:\d+/,
  /\.ts:/,
  /\.[cm]?js:\d/,
  /node:internal/,
  /\bnode_modules\//,
  /file:\/\//,
  /Error:/,
  /\bERR_[A-Z_]{3,}/,
];

/** The first trace-like fragment of `text`, or undefined. */
export function traceIn(text: string): string | undefined {
  for (const pattern of TRACE_PATTERNS) {
    const m = pattern.exec(text);
    if (m) return m[0];
  }
  return undefined;
}

/** Every string inside a parsed JSON value, keys included (an escaped trace is a trace once decoded). */
function* stringsOf(value: unknown, depth = 0): Generator<string> {
  if (depth > 64) return;
  if (typeof value === 'string') yield value;
  else if (Array.isArray(value)) for (const item of value) yield* stringsOf(item, depth + 1);
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      yield k;
      yield* stringsOf(v, depth + 1);
    }
  }
}

const validators = new SpecValidators();
const kpsError = validators.forSchema('huaweicloud-kps', 'KpsError');
const ecsError = validators.forSchema('volcengine-ecs', 'ErrorEnvelope');
const ecsSuccess = validators.forSchema('volcengine-ecs', 'AttachKeyPairSuccess');

/** An answer as the checks need it (from node:http or a raw socket). */
export interface CheckedAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

/**
 * Everything wrong with one answer of the mock for `cloud`, as short sentences; empty when the answer is
 * acceptable for a bad request: a documented status, JSON, the cloud's error shape on 4xx/5xx, and no
 * stack-trace text anywhere. `noBody`: the request was HEAD, whose answer has no body by HTTP.
 */
export function problemsWith(cloud: Cloud, answer: CheckedAnswer, opts: { noBody?: boolean; allowedStatuses?: readonly number[] } = {}): string[] {
  const problems: string[] = [];
  if (!DOCUMENTED_STATUSES[cloud].has(answer.status)) problems.push(`status ${answer.status} is not documented for ${cloud}`);
  if (opts.allowedStatuses && !opts.allowedStatuses.includes(answer.status)) {
    problems.push(`status ${answer.status}, expected one of ${opts.allowedStatuses.join('/')}`);
  }
  for (const [name, value] of Object.entries(answer.headers)) {
    const trace = traceIn(`${name}: ${String(value)}`);
    if (trace) problems.push(`header ${name} holds stack-trace text ${JSON.stringify(trace)}`);
  }
  const rawTrace = traceIn(answer.body);
  if (rawTrace) problems.push(`body holds stack-trace text ${JSON.stringify(rawTrace)}`);
  if (opts.noBody) return problems;

  const contentType = String(answer.headers['content-type'] ?? '');
  if (!/^application\/json\b/i.test(contentType)) problems.push(`content-type ${JSON.stringify(contentType)} is not application/json`);
  let json: unknown;
  try {
    json = JSON.parse(answer.body);
  } catch {
    problems.push(`body is not JSON: ${JSON.stringify(answer.body.slice(0, 120))}`);
    return problems;
  }
  for (const text of stringsOf(json)) {
    const trace = traceIn(text);
    if (trace) {
      problems.push(`a JSON string holds stack-trace text ${JSON.stringify(trace)}`);
      break;
    }
  }
  const isError = answer.status >= 400;
  if (cloud === 'huawei') {
    if (isError) {
      const flat = json as { error_code?: unknown; error_msg?: unknown };
      if (!kpsError(json)) problems.push(`4xx/5xx body is not KpsError: ${JSON.stringify(kpsError.errors?.[0] ?? null)}`);
      else if (typeof flat.error_code !== 'string' || typeof flat.error_msg !== 'string') problems.push('4xx/5xx body lacks string error_code/error_msg');
    } else if (json === null || typeof json !== 'object' || Array.isArray(json)) {
      problems.push('2xx body is not a JSON object');
    }
  } else if (isError) {
    if (!ecsError(json)) problems.push(`4xx/5xx body is not an ErrorEnvelope: ${JSON.stringify(ecsError.errors?.[0] ?? null)}`);
  } else if (!ecsSuccess(json)) {
    problems.push(`2xx body is not an AttachKeyPairSuccess: ${JSON.stringify(ecsSuccess.errors?.[0] ?? null)}`);
  }
  return problems;
}
