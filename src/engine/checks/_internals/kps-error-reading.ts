/** A KPS or API-gateway error as read from its body, in whichever documented form it came. */
export interface KpsErrorReading {
  readonly code: string;
  readonly message: string;
  /** flat: `{error_code, error_msg}` at the top; nested: one member (`member`) holding that pair. */
  readonly form: 'flat' | 'nested';
  /** The nested form's member name, e.g. `error`. */
  readonly member?: string;
}

/** What a Huawei error body says, or why it says nothing readable. */
export interface KpsErrorBody {
  readonly error?: KpsErrorReading;
  /** Why no error could be read (set exactly when `error` is not). */
  readonly problem?: string;
  /** The gateway's `request_id`: beside the pair, or beside or inside the nested member. */
  readonly requestId?: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const hasPairKey = (o: Record<string, unknown>) => 'error_code' in o || 'error_msg' in o;

/** The pair of one object, or why it is not a pair; `request_id`, where present, must be a string. */
function readPair(o: Record<string, unknown>, where: string): { code: string; message: string; requestId?: string } | string {
  if (typeof o.error_code !== 'string' || typeof o.error_msg !== 'string') return `${where} holds no error_code and error_msg, both strings`;
  if (o.request_id !== undefined && typeof o.request_id !== 'string') return `${where}'s request_id is not a string`;
  return { code: o.error_code, message: o.error_msg, ...(typeof o.request_id === 'string' ? { requestId: o.request_id } : {}) };
}

/**
 * Reads an error body as RULES.md kps.error-shape allows it, gateway errors included: flat
 * `{"error_code", "error_msg"}` with any extra members, or nested, one member of any name holding that pair
 * (an SDK parses it), with only the gateway's `request_id` beside it. Mirrors the spec's `KpsError`.
 */
export function readKpsErrorBody(body: Record<string, unknown> | undefined): KpsErrorBody {
  if (!body) return { problem: 'the body is not a JSON object' };
  // A body that names either member at the top is the flat form, or broken: a nested member does not rescue it.
  if (hasPairKey(body)) {
    const pair = readPair(body, 'the body');
    return typeof pair === 'string' ? { problem: pair } : { error: { code: pair.code, message: pair.message, form: 'flat' }, requestId: pair.requestId };
  }
  if (body.request_id !== undefined && typeof body.request_id !== 'string') return { problem: 'request_id is not a string' };
  const members = Object.keys(body).filter((k) => k !== 'request_id');
  if (members.length !== 1) {
    return { problem: members.length === 0 ? 'no error_code and error_msg' : `neither flat nor one member holding the pair (members ${members.join(', ')})` };
  }
  const member = members[0]!;
  const inner = body[member];
  if (!isObject(inner)) return { problem: `member ${member} is not an object holding error_code and error_msg` };
  const pair = readPair(inner, `member ${member}`);
  if (typeof pair === 'string') return { problem: pair };
  const requestId = typeof body.request_id === 'string' ? body.request_id : pair.requestId;
  return { error: { code: pair.code, message: pair.message, form: 'nested', member }, ...(requestId !== undefined ? { requestId } : {}) };
}
