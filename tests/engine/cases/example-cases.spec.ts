import { test, expect } from '@playwright/test';
import { loadExampleCases } from '../../../src/engine/cases/examples/load-example-cases.ts';
import { listExamples } from '../../../src/spec/examples.ts';

// The documents' example requests are data (src/engine/cases/examples/*.cases.json) validated by
// case-file.schema.json; they must stay the same as the specs' examples, which tests/spec holds to the seeds.

const cases = loadExampleCases();

test('every example case file validates against its schema, and ids are unique', () => {
  expect(cases.length).toBeGreaterThanOrEqual(4);
  expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
});

test('every example case is, as written, an example of the specs', () => {
  const inSpecs = listExamples()
    .filter((e) => e.kind === 'request')
    .map((e) => JSON.stringify(e.value));
  for (const c of cases) expect(inSpecs, c.id).toContain(JSON.stringify(c.request.body ?? c.request.logical));
});

test('every request example of the checked operations has a case', () => {
  const checked = ['AssociateKeypair', 'BatchAssociateKeypair', 'AttachKeyPair'];
  const specExamples = listExamples()
    .filter((e) => e.kind === 'request' && checked.includes(e.operationId))
    .map((e) => JSON.stringify(e.value));
  const mine = cases.map((c) => JSON.stringify(c.request.body ?? c.request.logical));
  expect(specExamples.filter((e) => !mine.includes(e))).toEqual([]);
});

test('titles state facts under 70 characters', () => {
  for (const c of cases) {
    expect(c.title.length, c.id).toBeLessThan(70);
    expect(c.title, c.id).not.toMatch(/\bshould\b|test that/i);
  }
});
