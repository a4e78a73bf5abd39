import { componentSchema, type SchemaNode } from './component-schema.ts';
import type { SpecName } from './spec-files.ts';

// What the specs' own annotations on a schema node say (specs/README.md, "Extensions"), read here so that
// no code outside src/spec/ names an `x-` member of the documents.

/** `x-same-value`, both the schema extension and the ajv keyword its errors name (`error.keyword`). */
export const SAME_VALUE_KEYWORD = 'x-same-value';

/** The member every item of an array schema has the same value of (`x-same-value`), if it names one. */
export function sameValueMember(node: SchemaNode): string | undefined {
  return node[SAME_VALUE_KEYWORD];
}

/** The schemas of a node's should-level constraints (`x-rule-constraints`), kept out of its own keywords. */
export function shouldConstraintSchemas(node: SchemaNode): SchemaNode[] {
  return (node['x-rule-constraints'] ?? []).map((c: { schema: SchemaNode }) => c.schema);
}

/** A component schema's enum as the page lists it (`x-documented-enum`), where its `enum` also holds accepted variants. */
export function documentedEnum(spec: SpecName, name: string): readonly string[] {
  const list = componentSchema(spec, name)['x-documented-enum'];
  if (!Array.isArray(list)) throw new Error(`documentedEnum: ${spec}'s ${name} has no x-documented-enum. Check specs/.`);
  return list as string[];
}
