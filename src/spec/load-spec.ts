import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { SPEC_FILES, type SpecName } from './spec-files.ts';

/** An OpenAPI 3.1 document as parsed from YAML; only src/spec/ looks inside it. */
export type OpenApiDocument = Record<string, any>;

const cache = new Map<SpecName, OpenApiDocument>();

/** Reads and parses one spec once per process. */
export function loadSpec(name: SpecName): OpenApiDocument {
  let doc = cache.get(name);
  if (!doc) {
    doc = parse(readFileSync(SPEC_FILES[name], 'utf8')) as OpenApiDocument;
    cache.set(name, doc);
  }
  return doc;
}
