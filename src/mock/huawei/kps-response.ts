import { randomUUID } from 'node:crypto';
import type { RuleId } from '../../rules/rules.ts';
import type { MockResponse } from '../http/mock-exchange.ts';
import type { MockContext } from '../mock-context.ts';

/** 32 hex digits, as the gateway's request ids; randomUUID is several times cheaper than randomBytes. */
const newRequestId = () => randomUUID().replace(/-/g, '');

/** The rule-id prefix of a Huawei operation, for the per-operation faults. */
export type KpsOperation = 'kps.associate' | 'kps.batch-associate' | 'kps.other';

function requestIdHeader(ctx: MockContext, op: KpsOperation): Record<string, string> {
  if (op !== 'kps.other' && ctx.broken(`${op}.request-id` as RuleId)) return {};
  return { 'X-Request-Id': newRequestId() };
}

/**
 * A KPS or API-gateway error: `{error_code, error_msg}` (seed 003 Table 7), gateway errors with their
 * `request_id` too. Faults change the shape (`kps.error-shape`) or the parameter-error code.
 */
export function kpsError(ctx: MockContext, op: KpsOperation, status: number, code: string, message: string): MockResponse {
  const headers = requestIdHeader(ctx, op);
  const documentedCode = code === 'KPS.0002' && ctx.broken('kps.error-code-documented') ? 'KPS.PARAM' : code;
  const body = ctx.broken('kps.error-shape')
    ? { code: documentedCode, message }
    : code.startsWith('APIGW.')
      ? { error_code: documentedCode, error_msg: message, request_id: headers['X-Request-Id'] ?? newRequestId() }
      : { error_code: documentedCode, error_msg: message };
  return { status, headers, body };
}

/** A KPS success: the bind status option (202 or 200), JSON unless the content-type fault is on. */
export function kpsSuccess(ctx: MockContext, op: KpsOperation, body: unknown, status?: number): MockResponse {
  const headers = requestIdHeader(ctx, op);
  const contentTypeBroken = op !== 'kps.other' && ctx.broken(`${op}.content-type` as RuleId);
  const successBroken = op !== 'kps.other' && ctx.broken(`${op}.success-status` as RuleId);
  const finalStatus = status ?? (successBroken ? 201 : ctx.options.huaweiSuccessStatus);
  if (contentTypeBroken) {
    return { status: finalStatus, headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }, rawBody: JSON.stringify(body) };
  }
  return { status: finalStatus, headers, body };
}
