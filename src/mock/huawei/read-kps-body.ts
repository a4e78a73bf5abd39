import type { ErrorObject } from 'ajv';
import type { MockRequest, MockResponse } from '../http/mock-exchange.ts';
import type { MockContext } from '../mock-context.ts';
import { pickBroken } from '../pick-broken.ts';
import { kpsBodyRule } from './kps-body-rules.ts';
import { kpsError } from './kps-response.ts';

export type KpsBodyOutcome =
  /** A JSON object: valid against the schema, except where a faulted rule let an error through. */
  | { readonly ok: true; readonly body: Record<string, unknown> }
  /** The body is JSON but not an object, and the rejects-invalid fault lets it through. */
  | { readonly ok: 'not-an-object' }
  | { readonly ok: false; readonly response: MockResponse };

type KpsOp = 'kps.associate' | 'kps.batch-associate';

/**
 * Parses and validates a bind's JSON body against its spec schema. Each ajv error is mapped to the rule
 * it breaks; errors of a faulted rule are ignored, so the handler must cope with what gets through. Of
 * several errors, `severalBroken` picks the one answered.
 */
export function readKpsBody(ctx: MockContext, op: KpsOp, schema: string, req: MockRequest): KpsBodyOutcome {
  let body: unknown;
  try {
    body = JSON.parse(req.body.toString('utf8'));
  } catch {
    if (op === 'kps.associate' && ctx.broken('kps.associate.malformed-json')) {
      return { ok: false, response: kpsError(ctx, op, 413, 'APIGW.0201', 'Request entity too large.') };
    }
    return { ok: false, response: kpsError(ctx, op, 400, 'KPS.0002', 'parameter error: the body is not JSON') };
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    if (ctx.broken(`${op}.rejects-invalid`)) return { ok: 'not-an-object' };
    return { ok: false, response: kpsError(ctx, op, 400, 'KPS.0002', 'parameter error: the body must be a JSON object') };
  }
  const validate = ctx.validators.forSchema('huaweicloud-kps', schema);
  if (!validate(body)) {
    const kept = (validate.errors ?? []).filter((e) => !ignored(ctx, op, e, body as Record<string, unknown>));
    const answered = pickBroken(ctx, kept);
    if (answered) {
      return { ok: false, response: kpsError(ctx, op, 400, 'KPS.0002', `parameter error: ${answered.instancePath || 'body'} ${answered.message}`) };
    }
  }
  return { ok: true, body: body as Record<string, unknown> };
}

/** An error the mock lets through on purpose: its rule is faulted, or the batch limit is off by one. */
function ignored(ctx: MockContext, op: KpsOp, error: ErrorObject, body: Record<string, unknown>): boolean {
  const rule = kpsBodyRule(op, error);
  if (ctx.broken(rule)) return true;
  const entries = body.batch_keypairs;
  return rule === 'kps.batch-associate.max-10' && ctx.broken('kps.batch-associate.max-10:off-by-one') && Array.isArray(entries) && entries.length === 11;
}
