import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Where the package's files are, in either layout it runs from: a clone runs the TypeScript in src/
// through tsx (or Playwright's transform); an installed package runs the JavaScript tsc compiled into
// dist/src/ (tsconfig.build.json, `npm run build`, done by `prepack`). This module is the one place that
// knows the difference: every path found from the code's own location goes through it.

/** True when this is the compiled JavaScript of an installed package (dist/src/), false in a clone (src/). */
export const COMPILED = new URL(import.meta.url).pathname.endsWith('.js');

/** The extension of the running code's modules: '.ts' in a clone, '.js' in dist/. */
export const CODE_EXTENSION = COMPILED ? '.js' : '.ts';

/** The code's root: src/ in a clone, dist/src/ in an installed package. */
const CODE_ROOT = fileURLToPath(new URL('.', import.meta.url));

/** The package root (package.json, specs/, targets/, docs/): src/.. or dist/src/../.. */
export const PACKAGE_ROOT = join(CODE_ROOT, COMPILED ? '../..' : '..');

/**
 * The path of a module of the code, named as its source is (relative to src/, ending in `.ts`), in the
 * running layout: `codeFile('engine/runner/playwright.config.ts')` is dist/src/…/playwright.config.js
 * in an installed package. A path without `.ts` (a folder, a data file) is kept as it is.
 */
export function codeFile(sourcePath: string): string {
  return join(CODE_ROOT, sourcePath.endsWith('.ts') ? sourcePath.slice(0, -3) + CODE_EXTENSION : sourcePath);
}

/** A file shipped at the package root, e.g. `packageFile('targets/live-sized.json')`. */
export function packageFile(path: string): string {
  return join(PACKAGE_ROOT, path);
}

/** The package's version, from its package.json. */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(packageFile('package.json'), 'utf8')) as { version: string }).version;
}
