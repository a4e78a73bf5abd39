import type { OpenApiDocument } from './load-spec.ts';
import type { SpecName } from './spec-files.ts';

/** The `$id` under which a spec's component schemas are registered with ajv. */
export function bundleId(spec: SpecName): string {
  return `urn:keypair-conformance:${spec}`;
}

/**
 * A spec's `components.schemas` as one JSON Schema 2020-12 document (`$defs`), with every
 * `#/components/schemas/…` reference rewritten to `#/$defs/…`. An OpenAPI document is not itself a JSON
 * Schema, so ajv in strict mode cannot load it whole.
 */
export function toSchemaBundle(spec: SpecName, doc: OpenApiDocument): Record<string, unknown> {
  const schemas = doc.components?.schemas ?? {};
  return { $id: bundleId(spec), $defs: rewriteRefs(schemas) as Record<string, unknown> };
}

function rewriteRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    out[key] = key === '$ref' && typeof value === 'string' ? value.replace(/^#\/components\/schemas\//, '#/$defs/') : rewriteRefs(value);
  }
  return out;
}

/** Turns a spec-local `#/components/schemas/X` (or a plain schema name) into an ajv reference. */
export function schemaRef(spec: SpecName, ref: string): string {
  const local = ref.startsWith('#/components/schemas/') ? ref.replace(/^#\/components\/schemas\//, '#/$defs/') : `#/$defs/${ref}`;
  return `${bundleId(spec)}${local}`;
}
