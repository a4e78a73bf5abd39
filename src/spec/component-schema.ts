import { loadSpec, type SchemaNode } from './load-spec.ts';
import type { SpecName } from './spec-files.ts';

export type { SchemaNode } from './load-spec.ts';

/** A named component schema, or the node a `#/components/schemas/…` reference points to. */
export function componentSchema(spec: SpecName, nameOrRef: string): SchemaNode {
  const path = nameOrRef.startsWith('#/') ? nameOrRef.slice(2).split('/') : ['components', 'schemas', nameOrRef];
  let node: unknown = loadSpec(spec);
  for (const part of path) {
    node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
    if (node === undefined) throw new Error(`componentSchema: ${spec} has no ${nameOrRef}. Check the reference in specs/.`);
  }
  return node as SchemaNode;
}
