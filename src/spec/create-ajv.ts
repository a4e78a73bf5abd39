import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { sameValueKeyword } from './_internals/same-value-keyword.ts';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

/**
 * Annotation-only extensions the specs put on schema nodes. They carry rule ids, sources and
 * should-level constraints for the suite; ajv must know them to stay in strict mode.
 */
const ANNOTATION_KEYWORDS = ['x-rules', 'x-rule-constraints', 'x-source', 'x-secret', 'x-documented-enum'] as const;

/**
 * One Ajv instance configured for the specs: JSON Schema 2020-12 (OpenAPI 3.1), strict mode, every
 * error reported, ajv-formats, OpenAPI's integer formats, and the `x-same-value` keyword.
 */
export function createAjv(): Ajv2020 {
  const ajv = new Ajv2020({ strict: true, allErrors: true, strictRequired: false });
  addFormats(ajv);
  // OpenAPI's numeric formats: int32/int64 are ranges, which JSON numbers in JavaScript cannot check
  // beyond 2^53; accept any integer for int64 and bound int32.
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
  ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 });
  for (const keyword of ANNOTATION_KEYWORDS) ajv.addKeyword({ keyword });
  ajv.addKeyword(sameValueKeyword);
  return ajv;
}
