import { test, expect } from '@playwright/test';
import { INSTANCE_KINDS, instanceKindsOf, instanceRuleOfCode, type InstanceKind } from '../../src/rules/instance-kinds.ts';
import { RULES } from '../../src/rules/rules.ts';
import { listErrorCodes } from '../../src/spec/error-codes.ts';

// The one table of instance kinds says what RULES.md and the spec's catalogue say: each kind's code is in
// its rule's statement and is a per-instance code of the catalogue; each code names one kind's rule.

const kinds = Object.keys(INSTANCE_KINDS) as InstanceKind[];
const perInstance = new Set(
  listErrorCodes('volcengine-ecs')
    .filter((e) => e.scope === 'instance')
    .map((e) => e.code),
);

for (const kind of kinds) {
  const { rule, code } = INSTANCE_KINDS[kind];
  test(`instance kind ${kind}: ${rule}, ${code ?? 'Error null'}`, () => {
    const statement = RULES.find((r) => r.id === rule)?.statement;
    expect(statement).toBeDefined();
    expect(statement).toContain(code === null ? '`Error` is `null`' : `\`${code}\``);
    if (code !== null) {
      expect(perInstance.has(code)).toBe(true);
      expect(instanceRuleOfCode(code)).toBe(rule);
    }
    expect(instanceKindsOf(rule)).toContain(kind);
  });
}

test('every per-instance rule of RULES.md owns a kind', () => {
  const owned = new Set(kinds.map((k) => INSTANCE_KINDS[k].rule));
  const instanceRules = ['instance-not-found', 'windows', 'no-agent', 'instance-status', 'running-and-stopped'].map((n) => `ecs.attach-key-pair.${n}`);
  expect([...owned].sort()).toEqual(instanceRules.sort());
});
