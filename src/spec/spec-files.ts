import { packageFile } from '../package-layout.ts';

/** The hand-written specs, one per API family, by the name the rest of the code uses for them. */
export const SPEC_FILES = {
  'huaweicloud-kps': packageFile('specs/huaweicloud-kps.openapi.yaml'),
  'volcengine-ecs': packageFile('specs/volcengine-ecs.openapi.yaml'),
} as const;

export type SpecName = keyof typeof SPEC_FILES;

export const SPEC_NAMES = Object.keys(SPEC_FILES) as SpecName[];
