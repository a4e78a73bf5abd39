import { test, expect } from '@playwright/test';
import fc from 'fast-check';
import { schemaArbitrary } from '../../../src/engine/cases/arbitraries/schema-arbitrary.ts';
import { SpecValidators } from '../../../src/spec/spec-validators.ts';
import type { SpecName } from '../../../src/spec/spec-files.ts';

// Valid requests are derived from the spec schemas, not hand-listed: whatever the schema-derived
// arbitraries produce must validate against the same schema, and keep the should-level constraints.

const validators = new SpecValidators();
const table: [SpecName, string][] = [
  ['huaweicloud-kps', 'AssociateKeypairRequestBody'],
  ['huaweicloud-kps', 'BatchAssociateKeypairRequestBody'],
  ['huaweicloud-kps', 'DisassociateKeypairRequestBody'],
  ['volcengine-ecs', 'AttachKeyPairRequest'],
];

for (const [spec, schema] of table) {
  test(`${schema}: 300 generated values are valid`, () => {
    const validate = validators.forSchema(spec, schema);
    fc.assert(
      fc.property(schemaArbitrary(spec, schema), (value) => {
        if (!validate(value)) throw new Error(JSON.stringify(validate.errors));
      }),
      { numRuns: 300, seed: 11 },
    );
  });
}

test('generated ports keep the should-level range 1-65535 (x-rule-constraints)', () => {
  const ports = fc
    .sample(schemaArbitrary('huaweicloud-kps', 'EcsServerInfo'), { numRuns: 500, seed: 3 })
    .map((s) => (s as { port?: number }).port)
    .filter((p) => p !== undefined);
  expect(ports.length).toBeGreaterThan(50);
  for (const p of ports) {
    expect(p).toBeGreaterThanOrEqual(1);
    expect(p).toBeLessThanOrEqual(65535);
  }
});

test('overrides bind members to fixtures at their JSON pointer', () => {
  const arb = schemaArbitrary('huaweicloud-kps', 'AssociateKeypairRequestBody', {
    '/keypair_name': fc.constant('kp-alpha'),
    '/server/id': fc.constant('srv-1'),
  });
  for (const v of fc.sample(arb, { numRuns: 50, seed: 5 }) as { keypair_name: string; server: { id: string } }[]) {
    expect(v.keypair_name).toBe('kp-alpha');
    expect(v.server.id).toBe('srv-1');
  }
});

test("an AttachKeyPairRequest always names a key pair (the schema's anyOf of required members)", () => {
  for (const v of fc.sample(schemaArbitrary('volcengine-ecs', 'AttachKeyPairRequest'), { numRuns: 200, seed: 9 }) as Record<string, unknown>[]) {
    expect('KeyPairName' in v || 'KeyPairId' in v).toBe(true);
  }
});
