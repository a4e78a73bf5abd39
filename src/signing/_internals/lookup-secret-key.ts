import type { VerifyOptions } from '../types.ts';

/** The caller's lookup, made total: a throw or an empty key counts as an unknown access key. */
export function lookupSecretKey(options: VerifyOptions, accessKey: string): string | undefined {
  try {
    const secretKey = options.lookupSecretKey(accessKey);
    return typeof secretKey === 'string' && secretKey !== '' ? secretKey : undefined;
  } catch {
    return undefined;
  }
}
