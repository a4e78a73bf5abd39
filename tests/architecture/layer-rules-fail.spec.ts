import { test, expect } from '@playwright/test';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { graphOf, readSources, relativeImports, SRC, type ImportGraph } from './_helpers/import-graph.ts';
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

// The architecture tests can fail: each rule reports a violation made up for it, and a copy of the real
// src/ with one temporary upward import fails the floors (engine-layers.spec.ts runs the same checks).

const graph = (edges: Record<string, string[]>): ImportGraph => new Map(Object.entries(edges));

function withTemporaryFile<T>(file: string, text: string, check: (root: string) => T): T {
  const root = mkdtempSync(join(tmpdir(), 'architecture-'));
  try {
    cpSync(SRC, root, { recursive: true });
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
    return check(root);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

test('the import parser reads every form of import, and nothing in comments or strings', () => {
  const source = `
    // import { commented } from './commented.ts';
    /* export * from './block-comment.ts'; */
    import type { A } from './a.ts';
    import {
      b,
      type C,
    } from '../b.ts';
    export { d } from './d.ts';
    export * from './e.ts';
    export type { F } from './f.ts';
    import './side-effect.ts';
    const g = await import('./g.ts');
    type H = typeof import('./h.ts');
    const text = "import('./in-a-string.ts')";
    import fs from 'node:fs';
    import fc from 'fast-check';
  `;
  expect(relativeImports(source)).toEqual(['./a.ts', '../b.ts', './d.ts', './e.ts', './f.ts', './side-effect.ts', './g.ts', './h.ts']);
  expect(graphOf({ 'engine/run/x.ts': "import { y } from '../checks/y.ts';\nexport * from './z.ts';" })).toEqual(
    new Map([['engine/run/x.ts', ['engine/checks/y.ts', 'engine/run/z.ts']]]),
  );
});

test('a temporary upward import in a copy of src/ fails the floors, with its file and floors', () => {
  const file = 'engine/target/temporary-upward.ts';
  const check = (root: string) => floorViolations(graphOf(readSources(root)), ENGINE_FLOORS);
  const before = check(SRC);
  const after = withTemporaryFile(file, "import { buildReport } from '../report/build-report.ts';\nexport const x = buildReport;\n", check);
  expect(after.filter((v) => !before.includes(v))).toEqual([`${file} (floor target) imports engine/report/build-report.ts (floor report, above it)`]);
});

test('a dynamic import and a type import count as well', () => {
  const violations = floorViolations(
    graphOf({
      'engine/cases/a.ts': "const m = await import('../run/run-cloud.ts');",
      'engine/checks/b.ts': "import type { RuleVerdict } from '../verdicts/rule-verdict.ts';",
      'engine/runner/c.ts': "import { x } from '../target/redact.ts';",
    }),
    ENGINE_FLOORS,
  );
  expect(violations).toEqual([
    'engine/cases/a.ts (floor cases) imports engine/run/run-cloud.ts (floor run, above it)',
    'engine/checks/b.ts (floor checks) imports engine/verdicts/rule-verdict.ts (floor verdicts, above it)',
  ]);
});

test('a new engine folder, or a file at the engine root, is on no floor until the list names it', () => {
  expect(unplacedEngineFiles(['engine/target/a.ts', 'engine/scheduler/b.ts', 'engine/c.ts', 'mock/d.ts'], ENGINE_FLOORS)).toEqual([
    'engine/c.ts',
    'engine/scheduler/b.ts',
  ]);
});

test('_internals/ is private to its folder and the folders below it', () => {
  const violations = internalsViolations(
    graph({
      'engine/run/a.ts': ['engine/checks/_internals/answer.ts'],
      'engine/checks/b.ts': ['engine/checks/_internals/answer.ts'],
      'engine/checks/sub/c.ts': ['engine/checks/_internals/answer.ts'],
      'engine/checks/_internals/d.ts': ['engine/checks/_internals/answer.ts'],
      'cli/commands/e.ts': ['cli/_internals/f.ts'],
      'engine/report/g.ts': ['cli/_internals/f.ts'],
    }),
  );
  expect(violations).toEqual([
    'engine/report/g.ts imports cli/_internals/f.ts, private to cli/',
    'engine/run/a.ts imports engine/checks/_internals/answer.ts, private to engine/checks/',
  ]);
});

test('the cycle finder reports each cycle once, as a loop, and nothing that only leads into one', () => {
  const found = cycles(
    graph({
      'a.ts': ['b.ts'],
      'b.ts': ['c.ts', 'outside/x.ts'],
      'c.ts': ['a.ts', 'b.ts'],
      'd.ts': ['d.ts'],
      'e.ts': ['a.ts'],
      'f.ts': [],
    }),
  );
  expect(found).toEqual(['a.ts → b.ts → c.ts → a.ts', 'd.ts → d.ts']);
});

test('a cycle between engine folders is found through their files', () => {
  const files = graph({
    'engine/report/a.ts': ['engine/runner/b.ts'],
    'engine/runner/b.ts': ['engine/runner/c.ts'],
    'engine/runner/c.ts': ['engine/report/d.ts'],
    'engine/report/d.ts': [],
  });
  expect(cycles(files)).toEqual([]);
  expect(cycles(engineFolderGraph(files))).toEqual(['engine/report → engine/runner → engine/report']);
});

test('an x- extension named in a string literal is found; comments and header names are not', () => {
  const names = extensionNames('| extension | where |\n|---|---|\n| `x-wire-encoding` | RPC operation |\n| `x-same-value` | array schema |\n');
  expect([...names]).toEqual(['x-wire-encoding', 'x-same-value']);
  const source = [
    "// reads the operation's 'x-wire-encoding'",
    "const encoding = raw['x-wire-encoding'];",
    "const date = headers.get('x-sdk-date');",
    'const keyword = `x-same-value`;',
    "type T = { 'x-same-value': string };",
  ].join('\n');
  expect(extensionLiterals(source, names)).toEqual([
    { line: 2, name: 'x-wire-encoding' },
    { line: 4, name: 'x-same-value' },
    { line: 5, name: 'x-same-value' },
  ]);
});
