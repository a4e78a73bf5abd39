import { cloudOfOperation, type Cloud } from '../../families/api-families.ts';
import type { CaseOperation } from '../cases/case.ts';
import { foldReadings, type AnswerJson, type RecordedAnswer } from './fold-readings.ts';
import type { Normaliser } from './transformers.ts';

/**
 * What is compared of one answer, after normalisation, by tier: core (status, media type, request id,
 * the body's shape), complete (the error code and each entry's result), strict (the whole body: messages
 * and every value).
 */
export interface Outcome {
  readonly status: number;
  readonly mediaType: string;
  readonly requestId: boolean;
  readonly shape: string;
  readonly code: string;
  readonly entries: readonly string[];
  readonly body: string;
  /** The normalised body as JSON (undefined for text), for comparing shapes member by member. */
  readonly json?: unknown;
}

export function outcomeOf(operation: CaseOperation, recorded: RecordedAnswer, normaliser: Normaliser): Outcome {
  // Two allowed readings compare alike (fold-readings.ts).
  const answer = foldReadings(operation, recorded);
  const header = (name: string) => Object.entries(answer.headers).find(([k]) => k.toLowerCase() === name)?.[1];
  const body = normaliser.normalise(answer.body);
  const json = typeof answer.body === 'string' ? undefined : body;
  const object = json !== null && typeof json === 'object' && !Array.isArray(json) ? (json as AnswerJson) : undefined;
  // JSON of any shape, or text: read through ?. only.
  const raw = answer.body as AnswerJson | null;
  return {
    status: answer.status,
    mediaType: (header('content-type') ?? '(none)').split(';')[0]!.trim().toLowerCase(),
    requestId: HAS_REQUEST_ID[cloudOfOperation(operation)](header, raw),
    shape: json === undefined ? (String(answer.body).trim() === '' ? 'empty' : 'text') : shapeOf(json),
    code: errorCode(object),
    entries: entriesOf(operation, object),
    body: JSON.stringify(body),
    ...(json !== undefined ? { json } : {}),
  };
}

/** The body's structure: member names and JSON types, arrays as the set of their items' shapes. */
export function shapeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `[${[...new Set(value.map(shapeOf))].sort().join('|')}]`;
  if (typeof value === 'object') {
    return `{${Object.keys(value as object)
      .sort()
      .map((k) => `${k}:${shapeOf((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return typeof value;
}

/** The request-level error code: Huawei's error_code (flat or nested one level), Volcengine's Error.Code. */
function errorCode(body: AnswerJson | undefined): string {
  if (!body) return '';
  if (typeof body.ResponseMetadata?.Error?.Code === 'string') return body.ResponseMetadata.Error.Code;
  if (typeof body.error_code === 'string' && !('status' in body)) return body.error_code;
  const nested = Object.values(body).find((v) => v && typeof v === 'object' && typeof (v as AnswerJson).error_code === 'string') as
    { error_code: string } | undefined;
  return nested && !Array.isArray(body.tasks) ? nested.error_code : '';
}

/** Each entry's result: the bind's status, each batch task, each instance's error code, a task's status. */
function entriesOf(operation: CaseOperation, body: AnswerJson | undefined): string[] {
  if (!body) return [];
  switch (operation) {
    case 'kps.associate':
    case 'kps.disassociate':
      return 'status' in body ? [`${body.server_id ?? ''} ${body.status} ${body.error_code ?? ''}`] : [];
    case 'kps.batch-associate':
      return Array.isArray(body.tasks)
        ? body.tasks.map((t: AnswerJson | null | undefined) => `${t?.server_id ?? ''} ${t?.status ?? ''} ${t?.error_code ?? ''}`)
        : [];
    case 'kps.task':
      return 'task_status' in body ? [`${body.server_id ?? ''} ${body.task_status}`] : [];
    case 'ecs.attach-key-pair': {
      const details = body.Result?.OperationDetails;
      return Array.isArray(details)
        ? details.map(
            (d: { InstanceId?: unknown; Error?: { Code?: unknown } | null } | null | undefined) => `${d?.InstanceId ?? ''} ${d?.Error?.Code ?? 'null'}`,
          )
        : [];
    }
  }
}

/** The tiers, cumulative: what each one compares beyond the one before. */
export const TIERS = ['core', 'complete', 'strict'] as const;
export type Tier = (typeof TIERS)[number];

/**
 * The first tier at which two outcomes differ, and what differs; undefined when they are equal. With
 * `optionalMembers` (both answers keep every rule that says which members are required), a member present
 * on one side only is an optional one: it differs at strict, not in the shape.
 */
export function firstDifference(a: Outcome, b: Outcome, optionalMembers = false): { tier: Tier; what: string } | undefined {
  if (a.status !== b.status) return { tier: 'core', what: 'status' };
  if (a.mediaType !== b.mediaType) return { tier: 'core', what: 'media type' };
  if (a.requestId !== b.requestId) return { tier: 'core', what: 'request id' };
  if (a.shape !== b.shape && !(optionalMembers && sameOnCommonMembers(a.json, b.json))) return { tier: 'core', what: 'body shape' };
  if (a.code !== b.code) return { tier: 'complete', what: 'error code' };
  if (a.entries.join('\n') !== b.entries.join('\n')) return { tier: 'complete', what: 'entry results' };
  if (a.body !== b.body) return { tier: 'strict', what: 'body values' };
  return undefined;
}

/** The same JSON types wherever both values have a member; members of one side only are not compared. */
function sameOnCommonMembers(a: unknown, b: unknown): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b)) return false;
    // Items are compared by position where both arrays have one (entries are compared at complete).
    return a.slice(0, Math.min(a.length, b.length)).every((x, i) => sameOnCommonMembers(x, b[i]));
  }
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    return Object.keys(a)
      .filter((k) => k in (b as object))
      .every((k) => sameOnCommonMembers((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return (a === null ? 'null' : typeof a) === (b === null ? 'null' : typeof b);
}

/** Where each family puts an answer's request id: KPS in a header, Volcengine in ResponseMetadata. */
const HAS_REQUEST_ID: Record<Cloud, (header: (name: string) => string | undefined, raw: AnswerJson | null) => boolean> = {
  huaweicloud: (header) => !!header('x-request-id'),
  volcengine: (_header, raw) => typeof raw?.ResponseMetadata?.RequestId === 'string' && raw.ResponseMetadata.RequestId !== '',
};
