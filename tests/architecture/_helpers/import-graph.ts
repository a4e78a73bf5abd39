import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

// The one import parser of the architecture tests. A graph is plain data, file → the files it imports,
// every path relative to one root and written with '/', so the rules (layer-rules.ts) are pure functions
// that a test can also run over a made-up graph.

/** file → the files it imports (resolved, relative to the same root; `../` when outside it). */
export type ImportGraph = ReadonlyMap<string, readonly string[]>;

/**
 * The relative specifiers a TypeScript source imports: `import … from`, `import type`, `export … from`,
 * bare `import '…'`, dynamic `import('…')` and `typeof import('…')`. Comments and strings are not read
 * as imports (TypeScript's own pre-processor does the scanning). Packages and `node:` modules are left out.
 */
export function relativeImports(source: string): string[] {
  return ts
    .preProcessFile(source, true, true)
    .importedFiles.map((f) => f.fileName)
    .filter((name) => name.startsWith('./') || name.startsWith('../'));
}

/** The import graph of some sources (path relative to the root → text). Pure: no file is read. */
export function graphOf(sources: Readonly<Record<string, string>>): ImportGraph {
  const graph = new Map<string, string[]>();
  for (const [file, text] of Object.entries(sources)) {
    const dir = posix.dirname(file);
    graph.set(file, [...new Set(relativeImports(text).map((spec) => posix.normalize(posix.join(dir, spec))))]);
  }
  return graph;
}

/** Every `.ts` file under a directory, by its path relative to it, with its text. */
export function readSources(root: string): Record<string, string> {
  const sources: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.ts')) sources[relative(root, path).split(sep).join('/')] = readFileSync(path, 'utf8');
    }
  };
  walk(root);
  return sources;
}

/** The project's src/. */
export const SRC = fileURLToPath(new URL('../../../src/', import.meta.url));
