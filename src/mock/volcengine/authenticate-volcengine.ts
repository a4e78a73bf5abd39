import { verifyVolcengineSignature } from '../../signing/index.ts';
import type { MockRequest, MockResponse } from '../http/mock-exchange.ts';
import type { MockContext } from '../mock-context.ts';
import { ecsError, type EnvelopeEcho } from './envelope.ts';

/**
 * The Volcengine gateway's HMAC-SHA256 check, rebuilt from the SignedHeaders the client named. On success
 * the region of the credential scope becomes the envelope's Region. Undefined when the request may go on.
 */
export function authenticateVolcengine(ctx: MockContext, req: MockRequest, echo: EnvelopeEcho): MockResponse | undefined {
  if (req.headers.authorization === undefined) {
    return ctx.broken('ecs.auth.required') ? undefined : ecsError(ctx, echo, 401, 'MissingAuthenticationToken');
  }
  const creds = ctx.options.credentials.volcengine;
  const result = verifyVolcengineSignature(
    { method: req.method, target: req.target, headers: req.headers, body: req.body },
    {
      lookupSecretKey: (ak) => (ak === creds.accessKey ? creds.secretKey : undefined),
      now: () => new Date(ctx.now()),
      maxSkewMs: ctx.options.maxClockSkewMs,
    },
  );
  if (result.ok) {
    echo.region = result.region;
    return result.service === 'ecs' ? undefined : ecsError(ctx, echo, 404, 'ServiceNotFound', `This service[${result.service}] not found.`);
  }
  switch (result.reason) {
    case 'unknown-access-key':
      return ctx.broken('ecs.auth.unknown-access-key')
        ? ecsError(ctx, echo, 401, 'SignatureDoesNotMatch')
        : ecsError(ctx, echo, 401, 'InvalidAccessKey', `The accesskey [${accessKeyOf(req)}] included in the request is invalid.`);
    case 'bad-signature':
      return ctx.broken('ecs.auth.bad-signature') ? undefined : ecsError(ctx, echo, 401, 'SignatureDoesNotMatch');
    case 'stale-date':
      return ecsError(ctx, echo, 403, 'InvalidTimestamp');
    case 'missing':
      return ecsError(ctx, echo, 401, 'MissingSignature');
    default:
      return ecsError(ctx, echo, 400, 'InvalidAuthorization');
  }
}

/** The access key named in the credential, for the error message; it is an id, not a secret. */
function accessKeyOf(req: MockRequest): string {
  const match = String(req.headers.authorization).match(/Credential=([^/,\s]{1,128})\//);
  return match?.[1] ?? '';
}
