import type { ValidateFunction } from 'ajv';
import type { Ajv2020 } from 'ajv/dist/2020.js';
import { createAjv } from './create-ajv.ts';
import { loadSpec } from './load-spec.ts';
import { toSchemaBundle, schemaRef } from './schema-bundle.ts';
import { SPEC_NAMES, type SpecName } from './spec-files.ts';

/**
 * Compiled validators for the specs' schemas, compiled once and reused (a run builds one of these).
 * `forSchema('volcengine-ecs', 'AttachKeyPairRequest')` or a `#/components/schemas/…` reference.
 */
export class SpecValidators {
  readonly ajv: Ajv2020;
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor() {
    this.ajv = createAjv();
    for (const spec of SPEC_NAMES) this.ajv.addSchema(toSchemaBundle(spec, loadSpec(spec)));
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
