import { API_FAMILIES } from '../../families/api-families.ts';
import { verifyVolcengineSignature } from '../../signing/index.ts';
import type { MockRequest, MockResponse } from '../http/mock-exchange.ts';
import type { MockContext } from '../mock-context.ts';
import { verifyOptions } from '../verify-options.ts';
import { ecsGatewayError, type EnvelopeEcho } from './envelope.ts';

/** A refused request: the gateway's answer, which rule refused it and whose key it named (token-taken faults). */
export interface VolcengineDenial {
  readonly response: MockResponse;
  readonly reason: 'required' | 'bad-signature' | 'other';
  readonly accessKey?: string;
}

/**
 * The Volcengine gateway's HMAC-SHA256 check, rebuilt from the SignedHeaders the client named. The
 * credential scope must name the mock's region and service `ecs` (ecs.auth.bad-signature): a signature
 * computed for another scope is one that does not match this endpoint. Undefined when the request may go on.
 */
export function authenticateVolcengine(ctx: MockContext, req: MockRequest, echo: EnvelopeEcho): VolcengineDenial | undefined {
  if (req.headers.authorization === undefined) {
    return ctx.broken('ecs.auth.required') ? undefined : deny(ctx, echo, 'required', 401, 'MissingAuthenticationToken');
  }
  const result = verifyVolcengineSignature(
    { method: req.method, target: req.target, headers: req.headers, body: req.body },
    verifyOptions(ctx, ctx.options.credentials.volcengine, 'ecs.auth.stale-date'),
  );
  if (result.ok) {
    const regionOk = result.region === ctx.options.fixtures.volcengineRegion || ctx.broken('ecs.auth.bad-signature:any-region');
    if ((result.service === API_FAMILIES.volcengine.signingService && regionOk) || ctx.broken('ecs.auth.bad-signature')) {
      echo.region = result.region;
      return undefined;
    }
    return deny(ctx, echo, 'bad-signature', 401, 'SignatureDoesNotMatch', undefined, result.accessKey);
  }
  switch (result.reason) {
    case 'unknown-access-key':
      return unknownAccessKey(ctx, echo, accessKeyOf(req));
    case 'bad-signature':
      return ctx.broken('ecs.auth.bad-signature') ? undefined : deny(ctx, echo, 'bad-signature', 401, 'SignatureDoesNotMatch', undefined, accessKeyOf(req));
    case 'stale-date':
      return deny(ctx, echo, 'other', 400, 'InvalidTimestamp');
    case 'missing':
      return deny(ctx, echo, 'other', 401, 'MissingSignature');
    default:
      return deny(ctx, echo, 'other', 400, 'InvalidAuthorization');
  }
}

function deny(
  ctx: MockContext,
  echo: EnvelopeEcho,
  reason: VolcengineDenial['reason'],
  status: number,
  code: string,
  message?: string,
  accessKey?: string,
): VolcengineDenial {
  return { reason, accessKey, response: ecsGatewayError(ctx, echo, status, code, message) };
}

/** An unknown access key: the code `ecsUnknownAccessKey` picks, or SignatureDoesNotMatch under its fault. */
function unknownAccessKey(ctx: MockContext, echo: EnvelopeEcho, accessKey: string): VolcengineDenial {
  if (ctx.broken('ecs.auth.unknown-access-key')) return deny(ctx, echo, 'other', 401, 'SignatureDoesNotMatch');
  const message = `The accesskey [${accessKey}] included in the request is invalid.`;
  return deny(ctx, echo, 'other', 401, ctx.readings.ecsUnknownAccessKey, message);
}

/** The access key named in the credential, for the error message; it is an id, not a secret. */
function accessKeyOf(req: MockRequest): string {
  const match = String(req.headers.authorization).match(/Credential=([^/,\s]{1,128})\//);
  return match?.[1] ?? '';
}
