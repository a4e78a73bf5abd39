// `npm run build` (run by `prepack`, so `npm pack` and `npm publish` ship a fresh build): compiles src/
// to JavaScript and .d.ts in dist/ (tsconfig.build.json) and copies next to the code the JSON it reads
// at run time (the example case files, the JSON Schemas). A clone never needs this: it runs src/ as is.
import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
rmSync(dist, { recursive: true, force: true });

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const built = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { cwd: root, stdio: 'inherit' });
if (built.status !== 0) {
  console.error('build: tsc -p tsconfig.build.json failed; dist/ is incomplete.');
  process.exit(built.status ?? 1);
}

/** Every .json file under `dir`, recursively. */
function jsonFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? jsonFiles(path) : name.endsWith('.json') ? [path] : [];
  });
}
const src = join(root, 'src');
for (const file of jsonFiles(src)) cpSync(file, join(dist, 'src', relative(src, file)));
console.log(`build: dist/ written (${relative(root, dist)}/src/cli/main.js)`);
