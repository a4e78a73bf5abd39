import { errorCode } from '../../spec/error-codes.ts';
import type { MockResponse } from '../http/mock-exchange.ts';
import type { MockContext } from '../mock-context.ts';
import { kpsError } from './kps-response.ts';

/**
 * A bind naming a key pair that does not exist: 400 with the code `kpsUnknownKeypairCode` picks
 * (KPS.4016 or KPS.6004) and the catalogue's message; 409 under the operation's status-documented fault.
 */
export function unknownKeypair(ctx: MockContext, op: 'kps.associate' | 'kps.batch-associate'): MockResponse {
  const code = ctx.readings.kpsUnknownKeypairCode;
  const status = ctx.broken(`${op}.status-documented`) ? 409 : 400;
  return kpsError(ctx, op, status, code, errorCode('huaweicloud-kps', code).message ?? 'The key pair is not exist');
}
