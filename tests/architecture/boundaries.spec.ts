import { test, expect } from '@playwright/test';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

// The layers of ARCHITECTURE.md, "Boundaries": who may import whom. A new import across a boundary
// fails here with the file and the import.

const src = fileURLToPath(new URL('../../src/', import.meta.url));
const FORBIDDEN: Record<string, string[]> = {
  mock: ['engine', 'cli'],
  engine: ['mock', 'cli'],
  spec: ['mock', 'engine', 'cli', 'signing'],
  rules: ['mock', 'engine', 'cli', 'spec', 'signing'],
  signing: ['mock', 'engine', 'cli', 'spec', 'rules'],
  sdk: ['mock', 'engine', 'cli'],
};

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

for (const [layer, forbidden] of Object.entries(FORBIDDEN)) {
  test(`src/${layer} imports nothing from ${forbidden.map((f) => `src/${f}`).join(', ')}`, () => {
    const crossings: string[] = [];
    for (const file of files(join(src, layer))) {
      for (const [, spec] of readFileSync(file, 'utf8').matchAll(/from '(\.[^']+)'/g)) {
        const top = relative(src, resolve(dirname(file), spec!)).split('/')[0]!;
        if (forbidden.includes(top)) crossings.push(`${relative(src, file)} imports ${spec}`);
      }
    }
    expect(crossings).toEqual([]);
  });
}

test('only src/spec reads the OpenAPI documents', () => {
  const readers = files(src).filter((f) => !f.startsWith(join(src, 'spec')) && /specs\/.*\.openapi\.yaml|from 'yaml'/.test(readFileSync(f, 'utf8')));
  expect(readers.map((f) => relative(src, f))).toEqual([]);
});
