// The principle of every check: a check fails only what the documents state. Where they leave room, it
// accepts every reading and records which one the target showed (a `{ variant }` judgement). Every check
// reads the status, error code, message and envelope through this one accessor, which knows every
// documented variant; no check digs `ResponseMetadata.Error.Code` or `error_code` out of a body itself.
import type { Case } from '../cases/case.ts';
import type { Exchange, ReceivedResponse, SentRequest } from '../transport/exchange.ts';
import { bodyObject, isSuccess } from '../transport/answer.ts';
import { readEcsEnvelope, type EcsEnvelopeReading } from './_internals/ecs-envelope-reading.ts';
import { readKpsErrorBody, type KpsErrorReading } from './_internals/kps-error-reading.ts';
import { cloudOfOperation, type Cloud } from '../../families/api-families.ts';

export type { EcsEnvelopeReading, EcsErrorReading, EnvelopeReadings } from './_internals/ecs-envelope-reading.ts';
export type { KpsErrorReading } from './_internals/kps-error-reading.ts';

/** A Huawei answer: its error in either documented form, and the request ids. */
export interface KpsReading {
  /** The error of a 4xx/5xx, flat or nested (RULES.md kps.error-shape); undefined on a success. */
  readonly error?: KpsErrorReading;
  /** Why a 4xx/5xx body holds no readable error. */
  readonly errorProblem?: string;
  /** The body's `request_id` (the gateway adds it to its own errors), where present. */
  readonly requestId?: string;
  /** The `X-Request-Id` response header, where present. */
  readonly requestIdHeader?: string;
}

/** One answer, read once, in the cloud's terms. */
export interface Answer {
  /** The target gave an HTTP answer (false: a timeout, a reset, or a case not sent). */
  readonly answered: boolean;
  readonly status?: number;
  /** 2xx. */
  readonly success: boolean;
  /** The body as text ('' when there is none). */
  readonly text: string;
  /** The body parsed as JSON, when it parsed. */
  readonly json?: unknown;
  /** The body when it is a JSON object. */
  readonly body?: Record<string, unknown>;
  /** `Content-Type` without parameters, lower-cased (`application/json`); undefined without the header. */
  readonly mediaType?: string;
  /** The error's code and message, in whichever documented form the cloud put them; undefined when none was read. */
  readonly error?: { readonly code: string; readonly message: string };
  /** Set for Huawei operations (`kps.*`). */
  readonly huawei?: KpsReading;
  /** Set for Volcengine operations (`ecs.*`). */
  readonly volcengine?: EcsEnvelopeReading;
}

const cache = new WeakMap<Exchange, Answer>();

/**
 * Reads the answer of an exchange: status, success, body and media type; for Huawei the error (flat or
 * nested, gateway errors included) and `request_id`; for Volcengine the envelope (each member possibly
 * absent), its error `{code, message, codeN?}`, `Result`, and which documented reading it showed (CodeN
 * present or absent; for a request without Action/Version, the members left out or naming the defaults;
 * a minimal gateway envelope of RequestId and Error). Read once per exchange and cached.
 */
export function readAnswer(c: Case, x: Exchange): Answer {
  let answer = cache.get(x);
  if (!answer) {
    answer = readResponse(c, x.response, x.request);
    cache.set(x, answer);
  }
  return answer;
}

/** The same reading for one response outside an exchange's final answer (a throttled 429 that was retried). */
export function readResponse(c: Case, response: ReceivedResponse | undefined, request?: SentRequest): Answer {
  if (!response) return { answered: false, success: false, text: '' };
  const body = bodyObject(response);
  const base = {
    answered: true,
    status: response.status,
    success: isSuccess(response),
    text: response.text,
    ...(response.json !== undefined ? { json: response.json } : {}),
    ...(body ? { body } : {}),
    ...mediaTypeOf(response),
  };
  return FAMILY_READERS[cloudOfOperation(c.operation)]({ c, response, base, ...(body ? { body } : {}), ...(request ? { request } : {}) });
}

/** What each family's reader is given: the answer read so far, and what it was an answer to. */
interface FamilyAnswer {
  readonly c: Case;
  readonly response: ReceivedResponse;
  readonly request?: SentRequest;
  readonly body?: Record<string, unknown>;
  readonly base: Answer;
}

/** Each family's own reading of an answer: where its error, request id and envelope are. */
const FAMILY_READERS: Record<Cloud, (a: FamilyAnswer) => Answer> = {
  huaweicloud: ({ response, body, base }) => {
    const requestIdHeader = header(response, 'x-request-id');
    if (response.status < 400) return { ...base, huawei: requestIdHeader ? { requestIdHeader } : {} };
    const read = readKpsErrorBody(body);
    const huawei: KpsReading = {
      ...(read.error ? { error: read.error } : { errorProblem: read.problem }),
      ...(read.requestId !== undefined ? { requestId: read.requestId } : {}),
      ...(requestIdHeader ? { requestIdHeader } : {}),
    };
    return { ...base, huawei, ...(read.error ? { error: { code: read.error.code, message: read.error.message } } : {}) };
  },
  volcengine: ({ c, request, body, base }) => {
    const volcengine = readEcsEnvelope(c, request, body);
    return { ...base, volcengine, ...(volcengine.error ? { error: { code: volcengine.error.code, message: volcengine.error.message } } : {}) };
  },
};

function header(r: ReceivedResponse, name: string): string | undefined {
  const key = Object.keys(r.headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : r.headers[key];
}

function mediaTypeOf(r: ReceivedResponse): { mediaType?: string } {
  const type = header(r, 'content-type');
  return type === undefined ? {} : { mediaType: type.split(';')[0]!.trim().toLowerCase() };
}
