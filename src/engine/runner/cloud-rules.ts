import { cloudOfRuleScope, type Cloud } from '../../families/api-families.ts';
import { RULES, type RuleId } from '../../rules/rules.ts';

/**
 * The rules a cloud's project has a test for: its own, and with a client under test the client rules too.
 * The same list as the engine's `rulesOf` (tests/engine/startup/ holds them equal), from the rule data
 * alone: Playwright's main process lists the tests from it without loading the engine.
 */
export function cloudRuleIds(cloud: Cloud, withClientRules = false): RuleId[] {
  return RULES.filter((r) => cloudOfRuleScope(r.operation) === cloud || (withClientRules && r.operation === 'client')).map((r) => r.id);
}
