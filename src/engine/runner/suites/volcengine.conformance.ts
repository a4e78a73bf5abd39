import { defineRuleTests } from '../rule-test.ts';

defineRuleTests('volcengine');
