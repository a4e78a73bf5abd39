import { test, expect } from '@playwright/test';
import { listExamples } from '../../src/spec/examples.ts';
import { getOperation } from '../../src/spec/operations.ts';
import { SpecValidators } from '../../src/spec/spec-validators.ts';
import { decodeRpcQuery } from '../../src/spec/wire-encoding.ts';
import { jsonObjectsIn, readSeeds, rpcRequestLinesIn, seedsPresent } from '../_helpers/seed-documents.ts';

const validators = new SpecValidators();
const examples = listExamples();

test.describe('every example in the specs validates against its schema', () => {
  for (const example of examples) {
    const where = `${example.operationId} ${example.kind}${example.status ? ` ${example.status}` : ''} ${example.name}`;
    test(`${where} is valid`, () => {
      // Arrange
      const validate = validators.forSchema(example.spec, example.schemaRef);
      // Act
      const valid = validate(example.value);
      // Assert
      expect(validate.errors ?? [], where).toEqual([]);
      expect(valid).toBe(true);
    });
  }
});

test.describe('the specs carry every example of the seeds', () => {
  test.skip(!seedsPresent(), 'shared/seeds/ is not beside this clone');

  test('every JSON example of the seeds is an example in the specs', () => {
    // Arrange
    const inSpecs = examples.map((e) => JSON.stringify(e.value));
    const seedJson = readSeeds().flatMap(({ file, text }) => jsonObjectsIn(text).map((value) => ({ file, value })));
    // Act
    const missing = seedJson.filter(({ value }) => !inSpecs.includes(JSON.stringify(value)));
    // Assert
    expect(seedJson.length).toBeGreaterThanOrEqual(12);
    expect(missing).toEqual([]);
  });

  test("the seeds' RPC request lines decode to the spec's example requests", () => {
    // Arrange
    const op = getOperation('AttachKeyPair');
    const lines = readSeeds().flatMap(({ text }) => rpcRequestLinesIn(text));
    const specWire = examples.filter((e) => e.wire).map((e) => ({ wire: e.wire, value: e.value }));
    // Act
    const decoded = lines.map((line) => {
      const query = line.slice('GET /?'.length, line.lastIndexOf(' HTTP/1.1'));
      return decodeRpcQuery(op.wireEncoding!, new URLSearchParams(query)).request;
    });
    // Assert
    expect(lines).toHaveLength(1);
    expect(specWire.map((s) => s.wire)).toEqual(lines);
    expect(decoded).toEqual(specWire.map((s) => s.value));
  });
});
