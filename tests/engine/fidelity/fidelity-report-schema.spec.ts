import { expect, test } from '@playwright/test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import schema from '../../../src/engine/fidelity/fidelity-report.schema.json' with { type: 'json' };
import type { FidelityReport } from '../../../src/engine/fidelity/fidelity-report.ts';
import { fidelityOnMocks } from '../../../scripts/_internals/fidelity-on-mocks.ts';

// fidelity.json is an interface others build on (a mock's CI, a dashboard of mocks): its JSON Schema
// holds for real reports, with differences, variants, thresholds and notes, and refuses a broken one.

const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats.default(ajv);
const validate = ajv.compile(schema);

let report: FidelityReport;
test.beforeAll(async () => {
  report = await fidelityOnMocks({
    candidate: { faults: ['ecs.attach-key-pair.windows'], huaweiSuccessStatus: 200 },
    seed: 5,
    runs: 10,
    thresholds: [{ tier: 'complete', measure: 'score', min: 99 }],
  });
});

test('a real report, with differences, variants and a threshold, validates', () => {
  // Arrange
  expect(report.rules.some((r) => r.differences.length > 0)).toBe(true);
  expect(report.rules.some((r) => r.variants)).toBe(true);

  // Act
  const ok = validate(JSON.parse(JSON.stringify(report)));

  // Assert
  expect(validate.errors ?? [], 'schema errors').toEqual([]);
  expect(ok).toBe(true);
});

// Each breaks a report, as JSON, into a shape its type forbids (a member removed, a value out of range).
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the copy is made invalid on purpose, so no type of the report can describe it
const broken: [string, (r: any) => void, string][] = [
  ['a score over 100', (r) => (r.tiers.core.score = 101), '/tiers/core/score'],
  ['an unknown tier in a threshold', (r) => (r.thresholds[0].tier = 'gold'), '/thresholds/0/tier'],
  ['a member the schema does not name', (r) => (r.extra = 1), ''],
  ['a rule without its tiers', (r) => delete r.rules[0].tiers, '/rules/0'],
];
for (const [title, breakIt, path] of broken) {
  test(`a report with ${title} does not validate`, () => {
    // Arrange
    const copy = JSON.parse(JSON.stringify(report));
    breakIt(copy);

    // Act / Assert
    expect(validate(copy)).toBe(false);
    expect(validate.errors!.map((e) => e.instancePath)).toContain(path);
  });
}
