import { test, expect } from '@playwright/test';
import { CLOUDS, API_FAMILIES } from '../../src/families/api-families.ts';
import { readSources, SRC } from './_helpers/import-graph.ts';

// Issue 15's one list of clouds: code takes a family's facts from src/families/api-families.ts or from a
// table over every Cloud (the engine's and the mock's registries, and small ones at lower floors), so a
// family added to the list is a compile error wherever it still needs something. What must not come back
// is a branch that names one family and lets every other take the second one's path.

const sources = readSources(SRC);
const names = [...CLOUDS, ...CLOUDS.map((c) => API_FAMILIES[c].ruleScope)].join('|');
/** `x === 'huaweicloud'`, `'volcengine' !== x`, `op.startsWith('kps.')`: a two-way decision on a family. */
const BRANCH = new RegExp(String.raw`(?:===|!==)\s*['"\`](?:${names})['"\`]|['"\`](?:${names})['"\`]\s*(?:===|!==)|startsWith\(\s*['"\`](?:${names})\b`, 'g');
/** A family's name as a whole string literal. */
const LITERAL = new RegExp(String.raw`['"\`](?:${CLOUDS.join('|')})['"\`]`, 'g');
/** Where a family's name may be written as a literal: the list itself, and each cloud's Playwright suite file. */
const MAY_NAME_A_FAMILY = [/^families\//, /^engine\/runner\/suites\/[\w-]+\.conformance\.ts$/];

/** Each match of `re` in src/, as `file:line: text`, comments left out. */
function matches(re: RegExp, skip: readonly RegExp[] = []): string[] {
  const found: string[] = [];
  for (const [file, text] of Object.entries(sources)) {
    if (skip.some((s) => s.test(file))) continue;
    text.split('\n').forEach((line, i) => {
      const code = line.replace(/\/\/.*$/, '').replace(/^\s*\*.*$/, '');
      for (const m of code.matchAll(re)) found.push(`${file}:${i + 1}: ${m[0]}`);
    });
  }
  return found;
}

test('no code outside src/families branches on one family by name or rule scope', () => {
  expect(matches(BRANCH, [/^families\//])).toEqual([]);
});

test("a family's name is written as a string only in the families' list and its suite file", () => {
  expect(matches(LITERAL, MAY_NAME_A_FAMILY)).toEqual([]);
});

test('the checks above would see a two-way branch and a stray family name', () => {
  // Arrange: the same matchers over made-up lines
  const branch = "const huawei = c.operation.startsWith('kps.'); if (cloud === 'volcengine') {}";
  const literal = "const cloud = 'huaweicloud';";
  // Act
  const branches = [...branch.matchAll(BRANCH)].map((m) => m[0]);
  const literals = [...literal.matchAll(LITERAL)].map((m) => m[0]);
  // Assert
  expect(branches).toEqual(["startsWith('kps", "=== 'volcengine'"]);
  expect(literals).toEqual(["'huaweicloud'"]);
});
