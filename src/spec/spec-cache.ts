import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { PACKAGE_ROOT } from '../package-layout.ts';

// A spec's YAML, parsed, kept as JSON: every process of a run (the CLI's embedded mock, each Playwright
// worker) reads the specs, and JSON.parse is many times faster than the YAML parser (which is not even
// loaded when the cache answers). The cache is keyed by the YAML's own bytes and the parser's version, so
// it cannot serve a stale document; and a document is cached only when its JSON reads back deeply equal
// to what the parser gave (tests/engine/startup/ checks both specs). Anything that goes wrong with the
// cache (no folder, read-only, a torn file) means parsing the YAML, as without it.

const require = createRequire(import.meta.url);

/** `node_modules/.cache/keypair-conformance`, in the nearest node_modules (a clone's, or the one the package is installed in). */
export const SPEC_CACHE_DIR = (() => {
  const at = PACKAGE_ROOT.lastIndexOf(`${sep}node_modules${sep}`);
  const nodeModules = at >= 0 ? PACKAGE_ROOT.slice(0, at + '/node_modules'.length) : join(PACKAGE_ROOT, 'node_modules');
  return join(nodeModules, '.cache', 'keypair-conformance');
})();

let parserVersion: string | undefined;

/** The cache file for this YAML text: its sha256 with the parser's version. */
export function specCacheFile(text: string): string {
  parserVersion ??= (JSON.parse(readFileSync(require.resolve('yaml/package.json'), 'utf8')) as { version: string }).version;
  const key = createHash('sha256').update(`yaml@${parserVersion}\n`).update(text).digest('hex').slice(0, 32);
  return join(SPEC_CACHE_DIR, `spec-${key}.json`);
}

/** The cache file each parsed document came from (or went to), for the facts recorded beside it. */
const cacheFileOf = new WeakMap<object, string>();

/** Parses a spec's YAML text, through the cache. */
export function parseSpecText(text: string): unknown {
  const file = specCacheFile(text);
  try {
    const cached = JSON.parse(readFileSync(file, 'utf8')) as object;
    cacheFileOf.set(cached, file);
    return cached;
  } catch {
    // Not cached yet (or unreadable): parse, and cache what reads back the same.
  }
  const { parse } = require('yaml') as typeof import('yaml');
  const doc: unknown = parse(text);
  const json = JSON.stringify(doc);
  if (isDeepStrictEqual(JSON.parse(json), doc)) {
    try {
      mkdirSync(dirname(file), { recursive: true });
      const temporary = `${file}.${process.pid}.tmp`;
      writeFileSync(temporary, json);
      renameSync(temporary, file);
      cacheFileOf.set(doc as object, file);
    } catch {
      // A read-only install: parse each time.
    }
  }
  return doc;
}

/**
 * A fact about a parsed document that depends only on its YAML (and the tool that found it, named in
 * `fact`), recorded beside its cache file: e.g. that its schemas passed the JSON Schema meta-schema with
 * this version of ajv (spec-validators.ts). False when unknown, or when the document was not cached.
 */
export function hasSpecFact(doc: object, fact: string): boolean {
  const file = cacheFileOf.get(doc);
  return file !== undefined && existsSync(`${file}.${fact}`);
}

/** Records a fact about a parsed document (see hasSpecFact); nothing when it was not cached. */
export function recordSpecFact(doc: object, fact: string): void {
  const file = cacheFileOf.get(doc);
  if (file === undefined) return;
  try {
    writeFileSync(`${file}.${fact}`, '');
  } catch {
    // Not recorded: found again next time.
  }
}
