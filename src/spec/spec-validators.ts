import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ValidateFunction } from 'ajv';
import type { Ajv2020 } from 'ajv/dist/2020.js';
import { createAjv } from './create-ajv.ts';
import { loadSpec } from './load-spec.ts';
import { toSchemaBundle, schemaRef } from './schema-bundle.ts';
import { hasSpecFact, recordSpecFact } from './spec-cache.ts';
import { SPEC_NAMES, type SpecName } from './spec-files.ts';

/** The fact a spec's cache records once its schemas passed the meta-schema with this ajv (addSchema throws if not). */
const META_SCHEMA_PASSED = `ajv-${(JSON.parse(readFileSync(createRequire(import.meta.url).resolve('ajv/package.json'), 'utf8')) as { version: string }).version}-meta-schema-passed`;

/**
 * Compiled validators for the specs' schemas, compiled once and reused (a run builds one of these).
 * `forSchema('volcengine-ecs', 'AttachKeyPairRequest')` or a `#/components/schemas/…` reference.
 */
export class SpecValidators {
  readonly ajv: Ajv2020;
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor() {
    this.ajv = createAjv();
    for (const spec of SPEC_NAMES) {
      // Ajv checks each bundle against the JSON Schema meta-schema, which it compiles first (about 0.1 s
      // in every process of a run). The same YAML passes or fails it the same way with the same ajv: a
      // spec's cache records that it passed, and a changed spec or ajv is checked again.
      const doc = loadSpec(spec);
      const checked = hasSpecFact(doc, META_SCHEMA_PASSED);
      this.ajv.addSchema(toSchemaBundle(spec, doc), undefined, undefined, !checked);
      if (!checked) recordSpecFact(doc, META_SCHEMA_PASSED);
    }
  }

  forSchema(spec: SpecName, ref: string): ValidateFunction {
    const key = schemaRef(spec, ref);
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.getSchema(key);
      if (!validate) throw new Error(`SpecValidators: ${spec} has no schema ${ref}. Check the name in specs/.`);
      this.compiled.set(key, validate);
    }
    return validate;
  }
}
