import { fileURLToPath } from 'node:url';

/** The hand-written specs, one per API family, by the name the rest of the code uses for them. */
export const SPEC_FILES = {
  'huaweicloud-kps': fileURLToPath(new URL('../../specs/huaweicloud-kps.openapi.yaml', import.meta.url)),
  'volcengine-ecs': fileURLToPath(new URL('../../specs/volcengine-ecs.openapi.yaml', import.meta.url)),
} as const;

export type SpecName = keyof typeof SPEC_FILES;

export const SPEC_NAMES = Object.keys(SPEC_FILES) as SpecName[];
