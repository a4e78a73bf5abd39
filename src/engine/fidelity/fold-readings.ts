import { cloudOfOperation, type Cloud } from '../../families/api-families.ts';
import type { CaseOperation } from '../cases/case.ts';

/**
 * Where RULES.md or the documents allow several readings, fidelity compares answers in one of them, so
 * that two targets showing two allowed readings are not told apart at any tier (each side's reading is
 * still reported, from its checks' variants). Each fold names its reading in the mock's table
 * (src/mock/readings.ts) and the rule that allows it. Optional members present on one side only, and
 * messages, are left as they are: they count at strict alone (outcome.ts).
 */
export const READING_FOLDS = [
  { reading: 'huaweiSuccessStatus', rule: 'kps.associate.success-status', fold: 'a KPS success of 200 compares as 202' },
  { reading: 'batchFailedStatus', rule: 'kps.batch-associate.status-enum', fold: 'a task status Failed compares as FAILED' },
  { reading: 'kpsErrorForm', rule: 'kps.error-shape', fold: 'a nested KPS error {"<key>": {error_code, error_msg, …}} compares as the flat one' },
  { reading: 'kpsUnknownKeypairCode', rule: 'kps.associate.unknown-keypair', fold: 'KPS.6004 compares as KPS.4016 (both: the key pair does not exist)' },
  { reading: 'replaceTaskEnd, taskNames', rule: 'kps.task.lookup', fold: 'a task_status ending _BIND or _REPLACE compares as _RESET' },
  { reading: 'ecsUnknownAccessKey', rule: 'ecs.auth.unknown-access-key', fold: 'InvalidClientTokenId compares as InvalidAccessKey' },
] as const;

/** A recorded answer as the cassette keeps it: status, headers, the body as JSON or text. */
export interface RecordedAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
}

/**
 * A recorded JSON object as either cloud may send it, as far as fidelity reads it: the documented
 * members, each possibly missing or of another type (the candidate is whatever is being scored).
 */
export type AnswerJson = {
  readonly ResponseMetadata?: {
    readonly RequestId?: unknown;
    readonly Error?: { readonly Code?: unknown; readonly [member: string]: unknown } | null;
    readonly [member: string]: unknown;
  } | null;
  readonly Result?: { readonly OperationDetails?: unknown } | null;
  readonly tasks?: unknown;
  readonly [member: string]: unknown;
};

const KPS_BINDS = new Set<CaseOperation>(['kps.associate', 'kps.batch-associate', 'kps.disassociate']);

/** The answer in the readings fidelity compares in (READING_FOLDS); anything else is left as it is. */
export function foldReadings(operation: CaseOperation, answer: RecordedAnswer): RecordedAnswer {
  const body = answer.body;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return answer;
  return FOLDS[cloudOfOperation(operation)](operation, answer, body as AnswerJson);
}

/** Each family's folds of the readings its documents allow. */
const FOLDS: Record<Cloud, (operation: CaseOperation, answer: RecordedAnswer, body: AnswerJson) => RecordedAnswer> = {
  huaweicloud: (operation, answer, body) => {
    const status = KPS_BINDS.has(operation) && answer.status === 200 ? 202 : answer.status;
    return { ...answer, status, body: foldKps(body) };
  },
  volcengine: (_operation, answer, body) => {
    const error = body.ResponseMetadata?.Error;
    if (error?.Code !== 'InvalidClientTokenId') return answer;
    return { ...answer, body: { ...body, ResponseMetadata: { ...body.ResponseMetadata, Error: { ...error, Code: 'InvalidAccessKey' } } } };
  },
};

function foldKps(body: AnswerJson): AnswerJson {
  let b = body;
  // Nested: one member of any name holding {error_code, error_msg, ...}.
  const keys = Object.keys(b);
  const inner = keys.length === 1 ? b[keys[0]!] : undefined;
  if (inner && typeof inner === 'object' && !Array.isArray(inner) && typeof (inner as AnswerJson).error_code === 'string') b = { ...(inner as AnswerJson) };
  if (b.error_code === 'KPS.6004') b = { ...b, error_code: 'KPS.4016' };
  if (Array.isArray(b.tasks))
    b = { ...b, tasks: b.tasks.map((t: unknown) => (t && typeof t === 'object' && (t as AnswerJson).status === 'Failed' ? { ...t, status: 'FAILED' } : t)) };
  if (typeof b.task_status === 'string') b = { ...b, task_status: b.task_status.replace(/_(BIND|REPLACE)$/, '_RESET') };
  return b;
}
