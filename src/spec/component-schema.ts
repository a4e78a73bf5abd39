import { loadSpec } from './load-spec.ts';
import type { SpecName } from './spec-files.ts';

/** A JSON Schema node of a spec, as written (its `$ref`s point into `#/components/schemas/`). */
export type SchemaNode = Record<string, any>;

/** A named component schema, or the node a `#/components/schemas/…` reference points to. */
export function componentSchema(spec: SpecName, nameOrRef: string): SchemaNode {
  const path = nameOrRef.startsWith('#/') ? nameOrRef.slice(2).split('/') : ['components', 'schemas', nameOrRef];
  let node: any = loadSpec(spec);
  for (const part of path) {
    node = node?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    if (node === undefined) throw new Error(`componentSchema: ${spec} has no ${nameOrRef}. Check the reference in specs/.`);
  }
  return node as SchemaNode;
}
