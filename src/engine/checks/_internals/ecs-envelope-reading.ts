import { listErrorCodes } from '../../../spec/error-codes.ts';
import { getOperation } from '../../../spec/operations.ts';
import type { Case } from '../../cases/case.ts';
import type { SentRequest } from '../../transport/exchange.ts';

/** `ResponseMetadata.Error` when it is `{Code, Message}` (strings); `CodeN` only where it is a number. */
export interface EcsErrorReading {
  readonly code: string;
  readonly message: string;
  readonly codeN?: number;
}

/** How one member the request lacked (Action or Version) came back: left out, the default, or another value. */
type DefaultEcho = 'absent' | 'default' | 'other';

/**
 * Which of the readings RULES.md ecs.envelope leaves open the envelope showed.
 * - `envelope`: Service and Region both present (`full`), both absent (`minimal`, as a gateway that refuses
 *   a request before any service answers), or one of them (`partial`).
 * - `codeN`: on an error, whether `Error.CodeN` is there (it is optional).
 * - `defaults`: only for a request without Action or Version: the envelope left them out (`absent`), named
 *   the operation's defaults (`defaults`), one of each (`mixed`), or `other`, which no document allows.
 */
export interface EnvelopeReadings {
  readonly envelope: 'full' | 'minimal' | 'partial';
  readonly codeN?: 'present' | 'absent';
  readonly defaults?: 'absent' | 'defaults' | 'mixed' | 'other';
}

/** A Volcengine body read as an envelope; every member as received (undefined when absent). */
export interface EcsEnvelopeReading {
  /** The Action and Version the request carried on the wire (undefined: it had none, or an empty one). */
  readonly sent: { readonly Action?: string; readonly Version?: string };
  /** The operation's Action and Version, which a request without them may be answered with. */
  readonly defaults: { readonly Action: string; readonly Version: string };
  /** `ResponseMetadata` is a JSON object. */
  readonly hasMetadata: boolean;
  readonly RequestId?: unknown;
  readonly Action?: unknown;
  readonly Version?: unknown;
  readonly Service?: unknown;
  readonly Region?: unknown;
  /** `ResponseMetadata.Error` is there, well-formed or not. */
  readonly hasError: boolean;
  readonly error?: EcsErrorReading;
  /** Why `Error` is there but not `{Code, Message}`. */
  readonly errorProblem?: string;
  readonly hasResult: boolean;
  readonly result?: unknown;
  /** The error code is one of the gateway's (catalogue scope `gateway`): Service and Region may be absent. */
  readonly gatewayError: boolean;
  readonly readings: EnvelopeReadings;
}

const FIXED = getOperation('AttachKeyPair').wireEncoding!.fixed;
const DEFAULTS = { Action: FIXED.Action!, Version: FIXED.Version! };
const GATEWAY_CODES = new Set(
  listErrorCodes('volcengine-ecs')
    .filter((e) => e.scope === 'gateway')
    .map((e) => e.code),
);

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Action and Version as sent: read off the wire, or from the case when the URL cannot be read. */
function sentFixed(c: Case, request: SentRequest | undefined): { Action?: string; Version?: string } {
  let query: URLSearchParams | undefined;
  try {
    query = request?.url ? new URL(request.url).searchParams : undefined;
  } catch {
    query = undefined;
  }
  const fromCase = { ...DEFAULTS, ...c.request.fixed };
  const pick = (key: 'Action' | 'Version') => {
    // An empty value names nothing, as the gateway's MissingParameter treats it.
    const value = query ? query.get(key) : fromCase[key];
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  return { Action: pick('Action'), Version: pick('Version') };
}

function readError(raw: unknown): { error?: EcsErrorReading; problem?: string } {
  if (!isObject(raw) || typeof raw.Code !== 'string' || typeof raw.Message !== 'string')
    return { problem: 'ResponseMetadata.Error is not {Code, Message} (strings)' };
  return { error: { code: raw.Code, message: raw.Message, ...(typeof raw.CodeN === 'number' ? { codeN: raw.CodeN } : {}) } };
}

function defaultsReading(sent: EcsEnvelopeReading['sent'], meta: Record<string, unknown>): EnvelopeReadings['defaults'] {
  const lacked = (['Action', 'Version'] as const).filter((k) => sent[k] === undefined);
  if (lacked.length === 0) return undefined;
  const echoes: DefaultEcho[] = lacked.map((k) => (meta[k] === undefined ? 'absent' : meta[k] === DEFAULTS[k] ? 'default' : 'other'));
  if (echoes.includes('other')) return 'other';
  if (echoes.every((e) => e === 'absent')) return 'absent';
  return echoes.every((e) => e === 'default') ? 'defaults' : 'mixed';
}

/** Reads a Volcengine body as the envelope RULES.md ecs.envelope describes, with each reading it showed. */
export function readEcsEnvelope(c: Case, request: SentRequest | undefined, body: Record<string, unknown> | undefined): EcsEnvelopeReading {
  const sent = sentFixed(c, request);
  const rawMeta = body?.ResponseMetadata;
  const meta: Record<string, unknown> = isObject(rawMeta) ? rawMeta : {};
  const hasError = meta.Error !== undefined;
  const { error, problem } = hasError ? readError(meta.Error) : {};
  const present = (k: string) => meta[k] !== undefined;
  const envelope = present('Service') && present('Region') ? 'full' : !present('Service') && !present('Region') ? 'minimal' : 'partial';
  const codeN = hasError ? (isObject(meta.Error) && meta.Error.CodeN !== undefined ? 'present' : 'absent') : undefined;
  const defaults = defaultsReading(sent, meta);
  return {
    sent,
    defaults: DEFAULTS,
    hasMetadata: isObject(rawMeta),
    RequestId: meta.RequestId,
    Action: meta.Action,
    Version: meta.Version,
    Service: meta.Service,
    Region: meta.Region,
    hasError,
    ...(error ? { error } : {}),
    ...(problem ? { errorProblem: problem } : {}),
    hasResult: body?.Result !== undefined,
    result: body?.Result,
    gatewayError: error !== undefined && GATEWAY_CODES.has(error.code),
    readings: { envelope, ...(codeN ? { codeN } : {}), ...(defaults ? { defaults } : {}) },
  };
}
