#!/usr/bin/env node
// The `conformance` command. In a clone (src/ next to bin/) the TypeScript sources run in place through
// tsx, so that what runs is exactly what is committed: no build step between a clone and its first run.
// An installed package has no src/: it runs the JavaScript compiled into dist/ when it was packed.
import { existsSync } from 'node:fs';

const fromSource = existsSync(new URL('../src/cli/main.ts', import.meta.url));
if (fromSource) {
  const { register } = await import('tsx/esm/api');
  register();
}
const { main } = await import(fromSource ? '../src/cli/main.ts' : '../dist/src/cli/main.js');
process.exitCode = await main(process.argv.slice(2));
// Nothing is left to do once main has answered: a handle something forgot to close (a socket, a timer)
// must not keep the command running. A second is time enough for the output to drain.
setTimeout(() => process.exit(), 1000).unref();
