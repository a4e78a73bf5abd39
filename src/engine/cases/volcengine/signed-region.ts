import type { AuthVariant } from '../case.ts';

/** A real region other than `region`, for a scope that names another region than the endpoint's. */
const otherRegionThan = (region: string) => (region === 'cn-beijing' ? 'cn-shanghai' : 'cn-beijing');

/**
 * The region a Volcengine case's credential scope names: the target's, or, for `other-region-scope`,
 * another real one. The request builder signs with it and the echo check expects it, from the case
 * alone, since a recorded request keeps no Authorization header to read it back from.
 */
export function signedRegion(targetRegion: string, auth: AuthVariant | undefined): string {
  return auth === 'other-region-scope' ? otherRegionThan(targetRegion) : targetRegion;
}
