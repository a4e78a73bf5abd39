import type { VerifyOptions } from '../signing/index.ts';
import type { FaultId } from './faults/fault-catalogue.ts';
import type { MockContext } from './mock-context.ts';

/** Made once per mock and family (keyed by the family's stale-date rule): they never change while a mock runs. */
const made = new WeakMap<MockContext, Map<FaultId, VerifyOptions>>();

/**
 * What a signature verifier needs from this mock: the family's one key pair (`creds`), the mock's clock, and
 * the clock skew it allows (any, when the family's stale-date rule is faulted).
 */
export function verifyOptions(ctx: MockContext, creds: { readonly accessKey: string; readonly secretKey: string }, staleDateFault: FaultId): VerifyOptions {
  let byFamily = made.get(ctx);
  if (!byFamily) made.set(ctx, (byFamily = new Map<FaultId, VerifyOptions>()));
  let options = byFamily.get(staleDateFault);
  if (!options) {
    options = {
      lookupSecretKey: (ak: string) => (ak === creds.accessKey ? creds.secretKey : undefined),
      now: () => new Date(ctx.now()),
      maxSkewMs: ctx.broken(staleDateFault) ? Number.MAX_SAFE_INTEGER : ctx.options.maxClockSkewMs,
    };
    byFamily.set(staleDateFault, options);
  }
  return options;
}
