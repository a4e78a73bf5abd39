import { test, expect } from '@playwright/test';
import { graphOf, readSources, SRC } from './_helpers/import-graph.ts';

// The layers of ARCHITECTURE.md, "Boundaries": who may import whom. A new import across a boundary
// fails here with the file and the import. Inside the engine, engine-layers.spec.ts.

const FORBIDDEN: Record<string, string[]> = {
  mock: ['engine', 'cli'],
  engine: ['mock', 'cli'],
  spec: ['mock', 'engine', 'cli', 'signing', 'families'],
  rules: ['mock', 'engine', 'cli', 'spec', 'signing', 'families'],
  signing: ['mock', 'engine', 'cli', 'spec', 'rules', 'families'],
  sdk: ['mock', 'engine', 'cli'],
  // The families' list sits on the shared floor, above spec, signing and rules, below the mock and the suite.
  families: ['mock', 'engine', 'cli', 'sdk'],
};

const sources = readSources(SRC);
const graph = graphOf(sources);
const top = (file: string) => file.split('/')[0]!;

for (const [layer, forbidden] of Object.entries(FORBIDDEN)) {
  test(`src/${layer} imports nothing from ${forbidden.map((f) => `src/${f}`).join(', ')}`, () => {
    const crossings = [...graph]
      .filter(([file]) => top(file) === layer)
      .flatMap(([file, imports]) => imports.filter((i) => forbidden.includes(top(i))).map((i) => `${file} imports ${i}`));
    expect(crossings).toEqual([]);
  });
}

test('only src/spec reads the OpenAPI documents', () => {
  const readers = Object.entries(sources).filter(([file, text]) => top(file) !== 'spec' && /specs\/.*\.openapi\.yaml|from 'yaml'/.test(text));
  expect(readers.map(([file]) => file)).toEqual([]);
});
