import { randomUUID } from 'node:crypto';
import type { ServerRuleId } from '../../rules/rules.ts';
import type { MockResponse } from '../http/mock-exchange.ts';
import type { MockContext } from '../mock-context.ts';
import { kpsErrorBody } from './kps-error-body.ts';

/** 32 hex digits, as the gateway's request ids; randomUUID is several times cheaper than randomBytes. */
export const newRequestId = (): string => randomUUID().replace(/-/g, '');

/** The rule-id prefix of a Huawei operation, for the per-operation faults. */
export type KpsOperation = 'kps.associate' | 'kps.batch-associate' | 'kps.other';

function requestIdHeader(ctx: MockContext, op: KpsOperation): Record<string, string> {
  if (op !== 'kps.other' && ctx.broken(`${op}.request-id` as ServerRuleId)) return {};
  return { 'X-Request-Id': newRequestId() };
}

/**
 * A KPS or API-gateway error in the shape the readings choose (kps-error-body.ts). The parameter-error
 * fault changes the code.
 */
export function kpsError(ctx: MockContext, op: KpsOperation, status: number, code: string, message: string): MockResponse {
  const headers = requestIdHeader(ctx, op);
  const documentedCode = code === 'KPS.0002' && ctx.broken('kps.error-code-documented') ? 'KPS.PARAM' : code;
  return { status, headers, body: kpsErrorBody(ctx, documentedCode, message, headers['X-Request-Id'] ?? newRequestId()) };
}

/** A KPS success: the bind status reading (202 or 200), JSON unless the content-type fault is on. */
export function kpsSuccess(ctx: MockContext, op: KpsOperation, body: unknown, status?: number): MockResponse {
  const headers = requestIdHeader(ctx, op);
  const contentTypeBroken = op !== 'kps.other' && ctx.broken(`${op}.content-type` as ServerRuleId);
  const successBroken = op !== 'kps.other' && ctx.broken(`${op}.success-status` as ServerRuleId);
  const finalStatus = status ?? (successBroken ? 201 : ctx.readings.huaweiSuccessStatus);
  if (contentTypeBroken) {
    return { status: finalStatus, headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }, rawBody: JSON.stringify(body) };
  }
  return { status: finalStatus, headers, body };
}
