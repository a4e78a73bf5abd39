import { CLOUDS, type Cloud } from '../../families/api-families.ts';
import type { ResolvedTarget } from './resolved-target.ts';

/** The clouds a target file names, in the order of the families' list. */
export function cloudsOf(target: Pick<ResolvedTarget, Cloud>): Cloud[] {
  return CLOUDS.filter((c) => target[c] !== undefined);
}

/** Each named cloud's endpoint. */
export function endpointsOf(target: Pick<ResolvedTarget, Cloud>): Partial<Record<Cloud, string>> {
  return Object.fromEntries(cloudsOf(target).map((c) => [c, target[c]!.endpoint]));
}
