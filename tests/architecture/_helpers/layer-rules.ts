import { posix } from 'node:path';
import ts from 'typescript';
import type { ImportGraph } from './import-graph.ts';

// The rules of ARCHITECTURE.md, "Boundaries", as pure functions over an import graph (import-graph.ts) or a
// source text. Each returns what breaks a rule, one line each, so a test can expect `[]` of the real src/
// and the exact line of a made-up violation.

/** The floor a file of `<engineDir>/<floor>/…` is on, or undefined outside the engine. */
export function floorOf(file: string, engineDir = 'engine'): string | undefined {
  const [top, floor, ...rest] = file.split('/');
  return top === engineDir && floor !== undefined && rest.length > 0 ? floor : undefined;
}

/** Engine files on no floor: a folder missing from the list, or a file at the engine's root. */
export function unplacedEngineFiles(files: Iterable<string>, floors: readonly string[], engineDir = 'engine'): string[] {
  return [...files].filter((f) => f.startsWith(`${engineDir}/`) && !floors.includes(floorOf(f, engineDir) ?? '')).sort();
}

/** An engine module importing a floor above its own. */
export function floorViolations(graph: ImportGraph, floors: readonly string[], engineDir = 'engine'): string[] {
  const out: string[] = [];
  for (const [file, imports] of graph) {
    const own = floors.indexOf(floorOf(file, engineDir) ?? '');
    if (own < 0) continue;
    for (const imported of imports) {
      const other = floors.indexOf(floorOf(imported, engineDir) ?? '');
      if (other > own) out.push(`${file} (floor ${floors[own]}) imports ${imported} (floor ${floors[other]}, above it)`);
    }
  }
  return out.sort();
}

/** The folder whose private helpers a path is, for `X/_internals/…` (`''` for a root `_internals/`). */
export function internalsOwner(file: string): string | undefined {
  const parts = file.split('/');
  const at = parts.indexOf('_internals');
  return at < 0 || at === parts.length - 1 ? undefined : parts.slice(0, at).join('/');
}

/** A file importing `X/_internals/…` from outside X. */
export function internalsViolations(graph: ImportGraph): string[] {
  const out: string[] = [];
  for (const [file, imports] of graph) {
    for (const imported of imports) {
      const owner = internalsOwner(imported);
      if (owner === undefined || owner === '' || file.startsWith(`${owner}/`)) continue;
      out.push(`${file} imports ${imported}, private to ${owner}/`);
    }
  }
  return out.sort();
}

/**
 * The cycles of a graph: each strongly connected component of more than one node (or a node that imports
 * itself), as one loop through it, `a → b → a`, and the component's other nodes after it, `(with c)`.
 * Only nodes the graph has count (an import of a file outside it is no node). Sorted, so a result
 * compares as data.
 */
export function cycles(graph: ImportGraph): string[] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const edges = (v: string) => (graph.get(v) ?? []).filter((w) => graph.has(w));
  const visit = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of edges(v)) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || edges(v).includes(v)) components.push(component);
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
  return components.map((c) => loopThrough(graph, new Set(c))).sort();
}

/** The shortest loop from the component's first node (by name) back to it, and the nodes it leaves out. */
function loopThrough(graph: ImportGraph, component: ReadonlySet<string>): string {
  const loop = shortestLoop(graph, component);
  const others = [...component].filter((v) => !loop.includes(v)).sort();
  return others.length > 0 ? `${loop.join(' → ')} (with ${others.join(', ')})` : loop.join(' → ');
}

function shortestLoop(graph: ImportGraph, component: ReadonlySet<string>): string[] {
  const start = [...component].sort()[0]!;
  const from = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const v = queue.shift()!;
    for (const w of [...(graph.get(v) ?? [])].sort()) {
      if (!component.has(w)) continue;
      if (w === start) {
        const path = [v];
        while (path[0] !== start) path.unshift(from.get(path[0]!)!);
        return [...path, start];
      }
      if (!from.has(w)) {
        from.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start];
}

/** The graph of groups of files (a file's group by `groupOf`; undefined leaves it out), without self-imports. */
export function groupGraph(graph: ImportGraph, groupOf: (file: string) => string | undefined): ImportGraph {
  const groups = new Map<string, Set<string>>();
  for (const [file, imports] of graph) {
    const from = groupOf(file);
    if (from === undefined) continue;
    const to = groups.get(from) ?? new Set<string>();
    groups.set(from, to);
    for (const imported of imports) {
      const group = groupOf(imported);
      if (group !== undefined && group !== from) to.add(group);
    }
  }
  return new Map([...groups].map(([g, to]) => [g, [...to].sort()]));
}

/** The engine's folders (`engine/<folder>`) as a graph, for the folder cycles. */
export const engineFolderGraph = (graph: ImportGraph, engineDir = 'engine') =>
  groupGraph(graph, (file) => {
    const floor = floorOf(file, engineDir);
    return floor === undefined ? undefined : posix.join(engineDir, floor);
  });

/**
 * The string literals of a source that name one of the given spec extensions (`'x-wire-encoding'`,
 * `node['x-rule-constraints']`, a `'x-…'` member of a type): reading raw OpenAPI structure. Comments are
 * not read, and a literal is one only when it is the name exactly (`'x-sdk-date'`, a header, is none).
 */
export function extensionLiterals(source: string, extensions: ReadonlySet<string>): { line: number; name: string }[] {
  const found: { line: number; name: string }[] = [];
  const file = ts.createSourceFile('source.ts', source, ts.ScriptTarget.Latest, true);
  const visit = (node: ts.Node) => {
    if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) && extensions.has(node.text)) {
      found.push({ line: file.getLineAndCharacterOfPosition(node.getStart()).line + 1, name: node.text });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** The extension names of specs/README.md's "Extensions" table (its first column). */
export function extensionNames(readme: string): Set<string> {
  return new Set([...readme.matchAll(/^\| `(x-[a-z-]+)` \|/gm)].map((m) => m[1]!));
}
