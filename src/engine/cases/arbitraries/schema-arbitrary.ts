import fc from 'fast-check';
import { componentSchema, type SchemaNode } from '../../../spec/component-schema.ts';
import { sameValueMember, shouldConstraintSchemas } from '../../../spec/schema-extensions.ts';
import type { SpecName } from '../../../spec/spec-files.ts';

/** Arbitraries that replace what the schema would generate at a JSON pointer (e.g. fixture ids). */
export type Overrides = Readonly<Record<string, fc.Arbitrary<unknown>>>;

/**
 * A fast-check arbitrary of values valid under a spec schema, derived from the schema's own keywords
 * (type, required, enum, const, min/max, items, anyOf, $ref) and its should-level `x-rule-constraints`,
 * so that generated requests are valid at every level. `overrides` bind members to the target's
 * fixtures: the schema says "a string", only the target file knows which strings exist.
 */
export function schemaArbitrary(spec: SpecName, ref: string, overrides: Overrides = {}): fc.Arbitrary<unknown> {
  return build(spec, componentSchema(spec, ref), '', overrides);
}

function build(spec: SpecName, node: SchemaNode, pointer: string, overrides: Overrides): fc.Arbitrary<unknown> {
  const override = overrides[pointer];
  if (override) return override;
  if (node.$ref) return build(spec, { ...componentSchema(spec, node.$ref), ...without(node, '$ref') }, pointer, overrides);
  const constrained = withShouldConstraints(node);
  if ('const' in constrained) return fc.constant(constrained.const);
  if (Array.isArray(constrained.enum)) return fc.constantFrom(...constrained.enum);
  if (Array.isArray(constrained.anyOf) && !constrained.properties) {
    return fc.oneof(...constrained.anyOf.map((branch: SchemaNode) => build(spec, branch, pointer, overrides)));
  }
  if (Array.isArray(constrained.oneOf)) return fc.oneof(...constrained.oneOf.map((branch: SchemaNode) => build(spec, branch, pointer, overrides)));
  switch (constrained.type) {
    case 'object':
      return objectArbitrary(spec, constrained, pointer, overrides);
    case 'array': {
      const items = fc.array(build(spec, constrained.items ?? {}, `${pointer}/*`, overrides), {
        minLength: constrained.minItems ?? 0,
        maxLength: constrained.maxItems ?? 5,
      });
      // x-same-value (the batch's one key pair): every item takes the first item's value of that member.
      const member = sameValueMember(constrained);
      if (!member) return items;
      // x-same-value is written on arrays of objects only, so every item is one.
      return items.map((list) => list.map((item) => ({ ...(item as Record<string, unknown>), [member]: (list[0] as Record<string, unknown>)[member] })));
    }
    case 'string':
      return fc.string({ minLength: constrained.minLength ?? 0, maxLength: Math.min(constrained.maxLength ?? 24, 64) });
    case 'integer':
      return fc.integer({ min: constrained.minimum ?? -(2 ** 31), max: constrained.maximum ?? 2 ** 31 - 1 });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      throw new Error(`schemaArbitrary: no generator for schema at ${pointer || '/'} (${JSON.stringify(constrained).slice(0, 80)}).`);
  }
}

function objectArbitrary(spec: SpecName, node: SchemaNode, pointer: string, overrides: Overrides): fc.Arbitrary<unknown> {
  const properties: Record<string, SchemaNode> = node.properties ?? {};
  const required: string[] = node.required ?? [];
  const members: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, child] of Object.entries(properties)) members[name] = build(spec, child, `${pointer}/${name}`, overrides);
  const record = fc.record(members, { requiredKeys: required.filter((r) => r in members) });
  // A schema's anyOf of `required` lists (KeyPairName or KeyPairId) narrows which optional members must be there.
  const alternatives: SchemaNode[] | undefined = node.anyOf;
  if (!alternatives) return record;
  return record.filter((value) => alternatives.some((alt) => (alt.required ?? []).every((k: string) => k in (value as object))));
}

/** The schema plus its should-level constraints (e.g. port 1-65535): valid values keep every rule. */
function withShouldConstraints(node: SchemaNode): SchemaNode {
  const extra = shouldConstraintSchemas(node);
  return extra.length === 0 ? node : Object.assign({}, node, ...extra);
}

function without(node: SchemaNode, key: string): SchemaNode {
  const { [key]: _dropped, ...rest } = node;
  return rest;
}
