import { cloudOfRequestTarget, UNCLAIMED_CLOUD, type Cloud } from '../families/api-families.ts';
import { HUAWEI_MOCK_FAMILY } from './huawei/huawei-family.ts';
import type { MockFamily } from './mock-family.ts';
import { VOLCENGINE_MOCK_FAMILY } from './volcengine/volcengine-family.ts';

// The mock's registry of API families, matching the engine's (engine/run/cloud-registry.ts): a Record over
// every cloud of families/api-families.ts, so a new family does not compile until the mock serves it.

export const MOCK_FAMILIES: Record<Cloud, MockFamily> = {
  huaweicloud: HUAWEI_MOCK_FAMILY,
  volcengine: VOLCENGINE_MOCK_FAMILY,
};

/** The family a request-target is for (its path alone will do). */
export function mockFamilyOf(requestTarget: string): MockFamily {
  return MOCK_FAMILIES[cloudOfRequestTarget(requestTarget) ?? UNCLAIMED_CLOUD];
}
