import { test, expect } from '@playwright/test';
import { CLOUDS } from '../../../src/families/api-families.ts';
import { rulesOf } from '../../../src/engine/run/run-cloud.ts';
import { cloudRuleIds } from '../../../src/engine/runner/cloud-rules.ts';

// Playwright's main process lists a run's rule tests from cloudRuleIds without loading the engine; the
// workers decide the engine's rulesOf. They must be the same list, in the same order.
for (const cloud of CLOUDS) {
  for (const withClientRules of [false, true]) {
    test(`the rule tests of ${cloud}${withClientRules ? ' with a client' : ''} are the engine's rules`, () => {
      expect(cloudRuleIds(cloud, withClientRules)).toEqual(rulesOf(cloud, withClientRules));
    });
  }
}
