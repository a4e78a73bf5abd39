import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { graphOf, readSources, SRC } from './_helpers/import-graph.ts';
import {
  cycles,
  engineFolderGraph,
  extensionLiterals,
  extensionNames,
  floorViolations,
  internalsViolations,
  unplacedEngineFiles,
} from './_helpers/layer-rules.ts';
import { ENGINE_FLOORS } from './engine-floors.ts';

// ARCHITECTURE.md, "Boundaries", inside the engine and across src/: the floors, `_internals/` privacy, no
// import cycles, and raw `x-` extensions read only by src/spec/. Each test names the file and the import.
// layer-rules-fail.spec.ts shows that each rule reports a violation made up for it.

const sources = readSources(SRC);
const graph = graphOf(sources);

test('every folder of src/engine is on one of the floors', () => {
  expect(unplacedEngineFiles(graph.keys(), ENGINE_FLOORS)).toEqual([]);
});

test(`an engine module imports only its own floor and those below (${ENGINE_FLOORS.join(' → ')})`, () => {
  expect(floorViolations(graph, ENGINE_FLOORS)).toEqual([]);
});

test('a module imports X/_internals/ only from inside X', () => {
  expect(internalsViolations(graph)).toEqual([]);
});

test('no import cycle between the folders of src/engine', () => {
  expect(cycles(engineFolderGraph(graph))).toEqual([]);
});

test('no import cycle between the files of src/', () => {
  expect(cycles(graph)).toEqual([]);
});

test("only src/spec/ reads the specs' x- extensions", () => {
  const names = extensionNames(readFileSync(new URL('../../specs/README.md', import.meta.url), 'utf8'));
  // The table is where the names come from: an empty or renamed one would let anything pass.
  expect([...names]).toEqual(expect.arrayContaining(['x-wire-encoding', 'x-rule-constraints', 'x-same-value', 'x-documented-enum', 'x-error-codes']));
  const readers = Object.entries(sources)
    .filter(([file]) => !file.startsWith('spec/'))
    .flatMap(([file, text]) => [...new Set(extensionLiterals(text, names).map((l) => `${file} reads '${l.name}'`))]);
  expect(readers).toEqual([]);
});
