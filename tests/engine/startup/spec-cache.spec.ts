import { test, expect } from '@playwright/test';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from 'yaml';
import { parseSpecText, specCacheFile } from '../../../src/spec/spec-cache.ts';
import { SPEC_FILES, SPEC_NAMES } from '../../../src/spec/spec-files.ts';

// The specs' parsed form is cached as JSON (src/spec/spec-cache.ts): it must be the YAML's, exactly.
for (const spec of SPEC_NAMES) {
  test(`the cached ${spec} is its YAML, parsed`, () => {
    const text = readFileSync(SPEC_FILES[spec], 'utf8');
    const file = specCacheFile(text);
    rmSync(file, { force: true });
    const parsed = parse(text) as unknown;
    // Without a cache file it parses the YAML and writes one; with it, it reads the file.
    expect(parseSpecText(text)).toStrictEqual(parsed);
    expect(existsSync(file)).toBe(true);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toStrictEqual(parsed);
    expect(parseSpecText(text)).toStrictEqual(parsed);
  });
}

test('a changed spec is parsed again, not served from the cache of its old text', () => {
  const text = readFileSync(SPEC_FILES[SPEC_NAMES[0]!], 'utf8');
  const changed = text.replace(/^info:\n/m, 'info:\n  x-changed: yes\n');
  expect(changed).not.toBe(text);
  expect(specCacheFile(changed)).not.toBe(specCacheFile(text));
  expect((parseSpecText(changed) as { info: Record<string, unknown> }).info['x-changed']).toBe('yes');
  rmSync(specCacheFile(changed), { force: true });
});

test("the specs' schemas are checked against the meta-schema until their cache records that they passed", async () => {
  const { SpecValidators } = await import('../../../src/spec/spec-validators.ts');
  const { SPEC_CACHE_DIR } = await import('../../../src/spec/spec-cache.ts');
  const facts = () => readdirSync(SPEC_CACHE_DIR).filter((f) => f.endsWith('-meta-schema-passed'));
  for (const f of facts()) rmSync(join(SPEC_CACHE_DIR, f));
  for (const spec of SPEC_NAMES) parseSpecText(readFileSync(SPEC_FILES[spec], 'utf8'));
  const validators = new SpecValidators();
  expect(validators.ajv.opts.validateSchema).toBe(true);
  const files = SPEC_NAMES.map((spec) => basename(specCacheFile(readFileSync(SPEC_FILES[spec], 'utf8'))));
  expect(
    facts()
      .map((f) => f.slice(0, f.indexOf('.json.') + '.json'.length))
      .sort(),
  ).toEqual(files.sort());
});
