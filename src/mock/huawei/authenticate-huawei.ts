import { verifyHuaweiSignature } from '../../signing/index.ts';
import type { MockRequest, MockResponse } from '../http/mock-exchange.ts';
import type { MockContext } from '../mock-context.ts';
import { verifyOptions } from '../verify-options.ts';
import { kpsError, type KpsOperation } from './kps-response.ts';

const IAM = 'Incorrect IAM authentication information';

/** A refused request: the gateway's answer, and which rule refused it (the carried-out faults ask). */
export interface HuaweiDenial {
  readonly response: MockResponse;
  readonly reason: 'required' | 'bad-signature' | 'other';
}

/**
 * The API gateway's check: an IAM token in X-Auth-Token, or an AK/SK signature (SDK-HMAC-SHA256)
 * rebuilt from the SignedHeaders the client named. Undefined when the request may go on.
 */
export function authenticateHuawei(ctx: MockContext, op: KpsOperation, req: MockRequest): HuaweiDenial | undefined {
  const token = req.headers['x-auth-token'];
  if (typeof token === 'string') {
    return ctx.options.credentials.huawei.tokens.includes(token) ? undefined : deny(ctx, op, 'other', 'APIGW.0301', `${IAM}: decrypt token fail`);
  }
  if (req.headers.authorization === undefined) {
    return ctx.broken('kps.auth.required') ? undefined : deny(ctx, op, 'required', 'APIGW.0301', `${IAM}: no token or signature`);
  }
  const received = { method: req.method, target: req.target, headers: req.headers, body: req.body };
  const result = verifyHuaweiSignature(received, verifyOptions(ctx, ctx.options.credentials.huawei, 'kps.auth.stale-date'));
  if (result.ok) return undefined;
  switch (result.reason) {
    case 'stale-date':
      return deny(ctx, op, 'other', 'APIGW.0303', 'Incorrect app authentication information: signature expired');
    case 'unknown-access-key':
      return deny(ctx, op, 'other', 'APIGW.0301', `${IAM}: Get secretKey failed`);
    case 'bad-signature':
      return ctx.broken('kps.auth.bad-signature') ? undefined : deny(ctx, op, 'bad-signature', 'APIGW.0301', `${IAM}: verify aksk signature fail`);
    default:
      return deny(ctx, op, 'other', 'APIGW.0301', `${IAM}: ${result.detail}`);
  }
}

function deny(ctx: MockContext, op: KpsOperation, reason: HuaweiDenial['reason'], code: string, message: string): HuaweiDenial {
  return { reason, response: kpsError(ctx, op, 401, code, message) };
}
