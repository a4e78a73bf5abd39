import { RULES, type RuleId } from '../rules/rules.ts';
import { cloudOfRuleScope, type Cloud } from './api-families.ts';

/**
 * The rules a cloud's run decides, and its project has a test for: its own, and with a client under test
 * the client rules too. From the rule data alone, so Playwright's main process can list the rule tests
 * without loading the engine.
 */
export function rulesOf(cloud: Cloud, withClientRules = false): RuleId[] {
  return RULES.filter((r) => cloudOfRuleScope(r.operation) === cloud || (withClientRules && r.operation === 'client')).map((r) => r.id);
}
