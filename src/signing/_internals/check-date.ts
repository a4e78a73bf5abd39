import type { VerificationFailure } from '../types.ts';
import { parseBasicDate } from './basic-date.ts';

const FIFTEEN_MINUTES = 15 * 60 * 1000;

/** A failure when the date header is absent, not `YYYYMMDDTHHMMSSZ`, or too far from the server's clock. */
export function checkDate(name: string, value: string | undefined, now: () => Date, maxSkewMs = FIFTEEN_MINUTES): VerificationFailure | undefined {
  if (value === undefined) return { ok: false, reason: 'missing', detail: `${name} header is absent` };
  const date = parseBasicDate(value);
  if (!date) return { ok: false, reason: 'malformed', detail: `${name} ${JSON.stringify(value)} is not YYYYMMDDTHHMMSSZ` };
  const skew = Math.abs(now().getTime() - date.getTime());
  if (!(skew <= maxSkewMs)) {
    const detail = `${name} ${value} is ${Math.round(skew / 1000)} s from the server clock; at most ${maxSkewMs / 1000} s is accepted`;
    return { ok: false, reason: 'stale-date', detail };
  }
  return undefined;
}
