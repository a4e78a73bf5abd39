import { isDeepStrictEqual } from 'node:util';
import type { components as Kps } from '../../../../generated/huaweicloud-kps.ts';
import type { components as Ecs } from '../../../../generated/volcengine-ecs.ts';
import { API_FAMILIES, cloudOfOperation, type Cloud } from '../../../families/api-families.ts';
import type { RuleId } from '../../../rules/rules.ts';
import type { SdkOutcome } from '../../../sdk/sdk-adapter.ts';
import { verifyHuaweiSignature, verifyVolcengineSignature, type ReceivedRequest } from '../../../signing/index.ts';
import type { Case } from '../../cases/case.ts';
import type { ResolvedTarget } from '../../target/resolved-target.ts';
import type { WireAttempt } from '../../transport/client-wire.ts';
import type { ClientObservation, ReceivedResponse } from '../../transport/exchange.ts';

/** One client rule judged on one call: held (with the reading seen, if any) or broken, with evidence. */
export interface ClientJudgement {
  readonly rule: RuleId;
  readonly variant?: string;
  readonly failure?: { readonly title: string; readonly received: string; readonly documented: string };
}

const held = (rule: RuleId, variant?: string): ClientJudgement => ({ rule, ...(variant ? { variant } : {}) });
const broke = (rule: RuleId, title: string, received: string, documented: string): ClientJudgement => ({
  rule,
  failure: { title, received: received.slice(0, 400), documented },
});

/**
 * The client rules of docs/RULES.md ("Clients") on one call: the signature and X-Project-Id of every
 * request it sent, whether its retries were safe, what it printed, and (given the answer it got) whether
 * the outcome it handed back keeps that answer.
 */
export function judgeClientCall(c: Case, observation: ClientObservation, target: ResolvedTarget): ClientJudgement[] {
  const judgements: ClientJudgement[] = [];
  const auth = c.request.auth ?? 'default';
  // Wrong keys on purpose: the signature is wrong by design, and the target's 401 is what counts.
  if (auth === 'default') for (const a of observation.attempts) judgements.push(...wireJudgements(c, a, target));
  const retry = retrySafety(c, observation.attempts);
  if (retry) judgements.push(retry);
  judgements.push(
    observation.leaked.length === 0
      ? held('client.no-secrets-in-output')
      : broke(
          'client.no-secrets-in-output',
          'The client printed a secret',
          `its output held ${observation.leaked.join(' and ')} (redacted in client-output.log)`,
          "no secret key, signature or token in the client's output at its default settings",
        ),
  );
  judgements.push(surfacesOutcome(c, observation.outcome, observation.attempts.at(-1)?.response));
  return judgements;
}

/** `client.signature` and `client.project-id` of one request, over the bytes that arrived. */
export function wireJudgements(c: Case, a: WireAttempt, target: ResolvedTarget): ClientJudgement[] {
  const url = new URL(a.request.url);
  const received = { method: a.request.method, target: url.pathname + url.search, headers: a.request.headers, body: a.bodyBytes };
  return WIRE_JUDGES[cloudOfOperation(c.operation)]({ a, url, received, target });
}

/** What a family's wire judge is given: the attempt, its URL, the request as the verifier reads it. */
interface WireRequest {
  readonly a: WireAttempt;
  readonly url: URL;
  readonly received: ReceivedRequest;
  readonly target: ResolvedTarget;
}

/** Each family's client rules over the bytes that arrived: its signature, and KPS's X-Project-Id. */
const WIRE_JUDGES: Record<Cloud, (w: WireRequest) => ClientJudgement[]> = {
  huaweicloud: ({ a, url, received, target }) => {
    const headers = a.request.headers;
    const creds = target.huaweicloud!.credentials;
    if (creds.kind !== 'aksk') return [];
    const out: ClientJudgement[] = [];
    const result = verifyHuaweiSignature(received, { lookupSecretKey: (ak) => (ak === creds.accessKey ? creds.secretKey : undefined) });
    out.push(
      result.ok
        ? held('client.signature', a.chunked ? 'chunked body' : undefined)
        : broke(
            'client.signature',
            `The client's signature does not verify (${result.reason})`,
            result.detail,
            'SDK-HMAC-SHA256 over the bytes sent, X-Sdk-Date within 15 minutes',
          ),
    );
    const pathProject = url.pathname.split('/')[2];
    const header = headers['x-project-id'];
    out.push(
      header === undefined
        ? broke(
            'client.project-id',
            'The client sent no X-Project-Id',
            JSON.stringify(Object.keys(headers)),
            `X-Project-Id: ${pathProject} (the path's project_id)`,
          )
        : header !== pathProject
          ? broke(
              'client.project-id',
              "X-Project-Id is not the path's project_id",
              `X-Project-Id ${header}, path ${url.pathname}`,
              "X-Project-Id equal to the path's project_id",
            )
          : held('client.project-id'),
    );
    return out;
  },
  volcengine: ({ received, target }) => {
    const v = target.volcengine!;
    const result = verifyVolcengineSignature(received, { lookupSecretKey: (ak) => (ak === v.credentials.accessKey ? v.credentials.secretKey : undefined) });
    if (!result.ok)
      return [
        broke(
          'client.signature',
          `The client's signature does not verify (${result.reason})`,
          result.detail,
          'HMAC-SHA256 over the bytes sent, X-Date within 15 minutes',
        ),
      ];
    const service = API_FAMILIES.volcengine.signingService;
    if (result.region !== v.region || result.service !== service)
      return [
        broke(
          'client.signature',
          'The client signed for another scope',
          `credential scope region ${result.region}, service ${result.service}`,
          `a credential scope naming the endpoint's region ${v.region} and service ${service}`,
        ),
      ];
    return [held('client.signature')];
  },
};

/** The ClientToken of a Volcengine request as sent. */
function clientToken(a: WireAttempt): string | undefined {
  return new URL(a.request.url).searchParams.get('ClientToken') ?? undefined;
}

/**
 * `client.retry-safe`: an AttachKeyPair resent after a timeout, a reset or a 5xx keeps its ClientToken;
 * a Huawei bind is never resent after a 5xx or a reset (it has no token: a resend is a second bind).
 */
export function retrySafety(c: Case, attempts: readonly WireAttempt[]): ClientJudgement | undefined {
  if (attempts.length === 0) return undefined;
  const faulted = attempts.some((a) => a.answeredBy === 'fault' || (a.response?.status ?? 0) >= 500 || a.response === undefined);
  if (attempts.length === 1) return faulted ? held('client.retry-safe', 'not resent') : undefined;
  if (c.operation === 'ecs.attach-key-pair') {
    const first = clientToken(attempts[0]!);
    const other = attempts.slice(1).find((a) => clientToken(a) !== first);
    return other
      ? broke(
          'client.retry-safe',
          'The client resent AttachKeyPair with another ClientToken',
          `ClientToken ${JSON.stringify(first)} then ${JSON.stringify(clientToken(other))} (${describeAttempts(attempts)})`,
          'a resend after a timeout, a reset or a 5xx sends the same ClientToken',
        )
      : held('client.retry-safe', 'resent with the same ClientToken');
  }
  for (let i = 1; i < attempts.length; i++) {
    const before = attempts[i - 1]!;
    const unsafe =
      before.fault?.kind === 'reset' || (before.response === undefined && before.fault?.kind !== 'timeout') || (before.response?.status ?? 0) >= 500;
    if (unsafe)
      return broke(
        'client.retry-safe',
        'The client resent a Huawei bind after a 5xx or a reset',
        describeAttempts(attempts),
        'a bind has no token: it is not resent after a 5xx or a reset without first learning its outcome',
      );
  }
  return held('client.retry-safe', attempts.some((a) => a.fault?.kind === 'timeout') ? 'resent after a timeout' : 'resent after a 429');
}

function describeAttempts(attempts: readonly WireAttempt[]): string {
  return attempts.map((a, i) => `#${i + 1} ${a.response ? a.response.status : (a.fault?.kind ?? 'no answer')}`).join(', ');
}

/** An answer the client got, as far as errorIn reads it: either cloud's documented error, any member possibly missing. */
type ErrorAnswerJson = { readonly ResponseMetadata?: { readonly Error?: Partial<Ecs['schemas']['EnvelopeError']> | null } | null } & Partial<
  Kps['schemas']['KpsErrorFlat']
>;
const isFlatKpsError = (v: unknown): v is Kps['schemas']['KpsErrorFlat'] =>
  !!v && typeof v === 'object' && typeof (v as { error_code?: unknown }).error_code === 'string';

/** The documented error in an answer the client got, or undefined for a success. */
function errorIn(c: Case, r: ReceivedResponse): { status: number; code?: string; message?: string } | undefined {
  const body = r.json as ErrorAnswerJson | null | undefined;
  if (c.operation === 'ecs.attach-key-pair') {
    const e = body?.ResponseMetadata?.Error;
    if (!e && r.status < 300) return undefined;
    return { status: r.status, code: e?.Code, message: e?.Message };
  }
  if (r.status < 300) return undefined;
  // Flat {error_code, error_msg}, or nested {"<key>": {error_code, error_msg}} (both documented).
  const flat = typeof body?.error_code === 'string' ? body : Object.values((body ?? {}) as object).find(isFlatKpsError);
  return { status: r.status, code: flat?.error_code, message: flat?.error_msg };
}

/** Every member of `answer` is in `data` with the same value; arrays keep every entry, in order; nulls may go. */
function keeps(answer: unknown, data: unknown): boolean {
  if (answer === null || answer === undefined) return true;
  if (Array.isArray(answer)) return Array.isArray(data) && data.length === answer.length && answer.every((a, i) => keeps(a, data[i]));
  if (typeof answer === 'object')
    return !!data && typeof data === 'object' && Object.entries(answer).every(([k, v]) => keeps(v, (data as Record<string, unknown>)[k]));
  return isDeepStrictEqual(answer, data);
}

/**
 * `client.surfaces-outcome`: the caller gets the documented outcome of the answer: an error with its
 * status, code and message; a success with every entry. `answer` is what the client's last request got
 * (undefined when it got no HTTP answer: then only an error outcome is right).
 */
export function surfacesOutcome(c: Case, outcome: SdkOutcome, answer: ReceivedResponse | undefined): ClientJudgement {
  const rule = 'client.surfaces-outcome';
  const got = JSON.stringify(outcome);
  if (!answer)
    return outcome.ok
      ? broke(rule, 'The client handed back a success for a request that got no answer', got, 'an error outcome (no HTTP answer came)')
      : held(rule, 'no answer');
  const error = errorIn(c, answer);
  if (error) {
    if (outcome.ok)
      return broke(
        rule,
        `The client handed back an error (${answer.status} ${error.code ?? ''}) as a success`,
        got,
        `an error with status ${answer.status}, code ${error.code}`,
      );
    const lost = [
      outcome.status !== answer.status && `status ${answer.status} (got ${outcome.status ?? 'none'})`,
      error.code !== undefined && outcome.code !== error.code && `code ${error.code} (got ${outcome.code ?? 'none'})`,
      error.message !== undefined &&
        outcome.message !== error.message &&
        `message ${JSON.stringify(error.message)} (got ${JSON.stringify(outcome.message ?? null)})`,
    ].filter(Boolean);
    return lost.length > 0
      ? broke(
          rule,
          'The client lost part of an error',
          `it lost the ${lost.join(', the ')}`,
          "an error's HTTP status, code and message, as answered (nested KPS bodies included)",
        )
      : held(rule);
  }
  if (!outcome.ok) return broke(rule, `The client handed back a ${answer.status} success as an error`, got, 'the success, with its data');
  const body = answer.json as Record<string, unknown> | undefined;
  const data = c.operation === 'ecs.attach-key-pair' ? body?.Result : body;
  // An answer with nothing in it (no Result) leaves nothing to keep.
  if (data !== undefined && !keeps(data, outcome.data))
    return broke(
      rule,
      'The client dropped or changed part of a success',
      `answered ${JSON.stringify(data).slice(0, 200)}; handed back ${JSON.stringify(outcome.data ?? null).slice(0, 200)}`,
      'every batch entry and OperationDetails entry with its Error, every task_id, as answered',
    );
  if (outcome.status !== undefined && outcome.status !== answer.status)
    return broke(rule, 'The client handed back another status', `answered ${answer.status}; handed back ${outcome.status}`, 'the status as answered');
  return held(rule);
}
