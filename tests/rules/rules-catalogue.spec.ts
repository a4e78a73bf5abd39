import { test, expect } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { RULES } from '../../src/rules/rules.ts';
import { loadSpec } from '../../src/spec/load-spec.ts';
import { SPEC_NAMES } from '../../src/spec/spec-files.ts';

const projectRules = fileURLToPath(new URL('../../docs/RULES.md', import.meta.url));
const sharedRules = fileURLToPath(new URL('../../../shared/docs/RULES.md', import.meta.url));

/** The rule rows of RULES.md, with `<op>` rows expanded to each operation the document defines. */
function rulesInDocument(text: string): { id: string; level: string; statement: string }[] {
  const operations = [...text.matchAll(/`([a-z]+\.[a-z-]+)` = [A-Z][A-Za-z]+/g)].map((m) => m[1]!);
  const rows = [...text.matchAll(/^\| `([^`]+)` \| (must|should|conflict) \| (.*) \|$/gm)];
  return rows.flatMap(([, id, level, statement]) =>
    id!.startsWith('<op>')
      ? operations.map((op) => ({ id: op + id!.slice('<op>'.length), level: level!, statement: statement! }))
      : [{ id: id!, level: level!, statement: statement! }],
  );
}

/** Every value of an `x-rules` annotation, and every rule of an `x-rule-constraints` entry, in a spec. */
function annotations(node: unknown, out = { rules: new Set<string>(), constraints: new Set<string>(), conflicts: new Map<string, number>() }) {
  if (Array.isArray(node)) node.forEach((n) => annotations(n, out));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'x-rules') (value as string[]).forEach((id) => out.rules.add(id));
      if (key === 'x-rule-constraints') (value as { rule: string }[]).forEach((c) => out.constraints.add(c.rule));
      if (key === 'x-conflicts') (value as { rule: string; variants: unknown[] }[]).forEach((c) => out.conflicts.set(c.rule, c.variants.length));
      annotations(value, out);
    }
  }
  return out;
}

test('docs/RULES.md is the same as the shared catalogue', () => {
  test.skip(!existsSync(sharedRules), 'shared/docs/RULES.md is not beside this clone');
  expect(readFileSync(projectRules, 'utf8')).toBe(readFileSync(sharedRules, 'utf8'));
});

test('every rule of RULES.md is in the data, with its level and statement, and no other', () => {
  // Arrange
  const documented = rulesInDocument(readFileSync(projectRules, 'utf8'));
  const data = RULES.map((r) => ({ id: r.id, level: r.level, statement: r.statement }));
  // Act
  const missing = documented.filter((d) => !data.some((r) => r.id === d.id));
  const extra = data.filter((r) => !documented.some((d) => d.id === r.id));
  // Assert
  expect(documented.length).toBeGreaterThan(70);
  expect(missing).toEqual([]);
  expect(extra).toEqual([]);
  expect(data).toEqual(documented);
});

test('rule ids are unique', () => {
  const ids = RULES.map((r) => r.id);
  expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
});

test('every rule the data says a schema expresses is annotated in a spec, and nothing else is', () => {
  // Arrange
  const found = SPEC_NAMES.map((name) => annotations(loadSpec(name)));
  const inSchemas = new Set(found.flatMap((f) => [...f.rules]));
  const inConstraints = new Set(found.flatMap((f) => [...f.constraints]));
  // Act
  const bySchema = RULES.filter((r) => 'expressedBy' in r && r.expressedBy === 'schema').map((r) => r.id);
  const byConstraint = RULES.filter((r) => 'expressedBy' in r && r.expressedBy === 'schema-constraint').map((r) => r.id);
  // Assert
  expect([...inSchemas].sort()).toEqual([...bySchema].sort());
  expect([...inConstraints].sort()).toEqual([...byConstraint].sort());
});

test('every schema-expressed rule is a must or conflict rule; every constraint rule is a should rule', () => {
  for (const rule of RULES) {
    if (!('expressedBy' in rule)) continue;
    const expected = rule.expressedBy === 'schema' ? ['must', 'conflict'] : ['should'];
    expect(expected, rule.id).toContain(rule.level);
  }
});

test("every conflict rule is listed in an operation's x-conflicts, with at least two variants", () => {
  const conflicts = new Map(SPEC_NAMES.flatMap((name) => [...annotations(loadSpec(name)).conflicts]));
  const ids = new Set<string>(RULES.map((r) => r.id));
  for (const [id, variants] of conflicts) {
    expect(ids.has(id), `${id} in x-conflicts is a rule`).toBe(true);
    expect(variants, `${id} variants`).toBeGreaterThanOrEqual(2);
  }
  const conflictRules = RULES.filter((r) => r.level === 'conflict').map((r) => r.id);
  // ecs.auth.unknown-access-key is a gateway conflict: its variants are in the error-code catalogue.
  expect(conflictRules.filter((id) => !conflicts.has(id))).toEqual(['ecs.auth.unknown-access-key']);
});
