#!/usr/bin/env node
// The `conformance` command. The project is TypeScript run in place through tsx, so that what runs is
// exactly what is committed: no build step between a clone and its first run.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
