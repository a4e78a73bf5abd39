import type { MockContext } from '../mock-context.ts';
import { worded } from '../message-wording.ts';

/**
 * A KPS or API-gateway error body as the readings shape it: flat `{error_code, error_msg}` (seed 003
 * Table 7) or nested `{"error": {…}}` (kps.error-shape's variant); `request_id` on gateway errors, all or
 * none, inside the nested member (the variant allows one member only). The shape faults win.
 */
export function kpsErrorBody(ctx: MockContext, code: string, message: string, requestId: string): Record<string, unknown> {
  const text = worded(ctx, code, message);
  if (ctx.broken('kps.error-shape')) return { code, message: text };
  const carriesId = ctx.readings.kpsRequestIdInBody === 'all' || (ctx.readings.kpsRequestIdInBody === 'gateway' && code.startsWith('APIGW.'));
  const id = carriesId ? { request_id: requestId } : {};
  if (ctx.broken('kps.error-shape:nested-wrong')) return { error: { error_code: code, ...id } };
  const pair = { error_code: code, error_msg: text, ...id };
  return ctx.readings.kpsErrorForm === 'nested' ? { error: pair } : pair;
}
