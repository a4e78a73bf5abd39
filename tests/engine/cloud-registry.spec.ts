import { test, expect } from '@playwright/test';
import { API_FAMILIES, CLOUDS, cloudOfRuleScope } from '../../src/families/api-families.ts';
import { RULES } from '../../src/rules/rules.ts';
import { SEQUENCE_RULES } from '../../src/engine/checks/registry.ts';
import { ENGINE_FAMILIES } from '../../src/engine/run/cloud-registry.ts';
import { MOCK_FAMILIES } from '../../src/mock/mock-families.ts';

// The engine's and the mock's registries hold one entry per cloud of the families' list, and each entry
// covers its family: a check or a sequence for every rule in its scope, the fixture kinds its rules need.

for (const cloud of CLOUDS) {
  const family = ENGINE_FAMILIES[cloud];
  const scope = API_FAMILIES[cloud].ruleScope;

  test(`${cloud}: every rule of scope ${scope} has a check of its operations or a sequence, and none of its checks judges another family's rule`, () => {
    // Arrange
    const rules = RULES.filter((r) => cloudOfRuleScope(r.operation) === cloud).map((r) => r.id);
    const checked = new Set<string>([...family.checks.map((c) => c.rule), ...SEQUENCE_RULES]);
    // Act
    const unjudged = rules.filter((r) => !checked.has(r));
    const foreign = family.checks.map((c) => c.rule).filter((r) => cloudOfRuleScope(r) !== cloud);
    // Assert
    expect(unjudged).toEqual([]);
    expect(foreign).toEqual([]);
  });

  test(`${cloud}: every fixture list its rules need is one of the kinds its registry entry lists`, () => {
    // Arrange
    const needed = new Set(RULES.flatMap((r) => ('fixtures' in r ? (r.fixtures ?? []) : [])).filter((p) => p.startsWith(`${cloud}.fixtures.`)));
    // Act
    const unlisted = [...needed].map((p) => p.slice(`${cloud}.fixtures.`.length)).filter((k) => !family.fixtureKinds.includes(k));
    // Assert
    expect(needed.size).toBeGreaterThan(0);
    expect(unlisted).toEqual([]);
    expect(family.essentialFixtures.path.startsWith(`${cloud}.fixtures.`)).toBe(true);
  });
}

test('the engine and the mock register exactly the families of the list', () => {
  expect(Object.keys(ENGINE_FAMILIES).sort()).toEqual([...CLOUDS].sort());
  expect(Object.keys(MOCK_FAMILIES).sort()).toEqual([...CLOUDS].sort());
});
