import type { MockContext } from '../mock-context.ts';

/** The gateway's `CodeN` per code, as docs/CLOUD-FACTS.md lists them (common error codes page). */
const GATEWAY_CODE_NUMBERS: Readonly<Record<string, number>> = {
  MissingParameter: 100002,
  MissingRequestInfo: 100004,
  InvalidTimestamp: 100006,
  ServiceNotFound: 100007,
  InvalidActionOrVersion: 100008,
  InvalidAccessKey: 100009,
  SignatureDoesNotMatch: 100010,
  AccessDenied: 100013,
  InternalError: 100014,
};

/**
 * The CodeN a gateway error carries: InvalidTimestamp's 100006 always (ecs.auth.stale-date names it);
 * the others' only with `ecsCodeN: 'present'`, and none for a code without a known number.
 */
export function gatewayCodeNumber(ctx: MockContext, code: string): number | undefined {
  if (code === 'InvalidTimestamp') return GATEWAY_CODE_NUMBERS.InvalidTimestamp;
  return ctx.readings.ecsCodeN === 'present' ? GATEWAY_CODE_NUMBERS[code] : undefined;
}
