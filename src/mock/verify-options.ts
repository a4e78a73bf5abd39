import type { VerifyOptions } from '../signing/index.ts';
import type { FaultId } from './faults/fault-catalogue.ts';
import type { MockContext } from './mock-context.ts';

type Family = 'huawei' | 'volcengine';

/** Made once per mock and family: the options never change while a mock runs, and every request needs them. */
const made = new WeakMap<MockContext, Partial<Record<Family, VerifyOptions>>>();

/**
 * What a signature verifier needs from this mock: its one key pair for the family, its clock, and the
 * clock skew it allows (any, when the family's stale-date rule is faulted).
 */
export function verifyOptions(ctx: MockContext, family: Family, staleDateFault: FaultId): VerifyOptions {
  const byFamily = made.get(ctx) ?? {};
  made.set(ctx, byFamily);
  const creds = ctx.options.credentials[family];
  byFamily[family] ??= {
    lookupSecretKey: (ak: string) => (ak === creds.accessKey ? creds.secretKey : undefined),
    now: () => new Date(ctx.now()),
    maxSkewMs: ctx.broken(staleDateFault) ? Number.MAX_SAFE_INTEGER : ctx.options.maxClockSkewMs,
  };
  return byFamily[family];
}
