import type { FuncKeywordDefinition, SchemaValidateFunction } from 'ajv';
import { SAME_VALUE_KEYWORD } from '../schema-extensions.ts';

/**
 * `x-same-value: <member>` on an array of objects: every item that has `<member>` has the same value.
 * Expresses BatchAssociateKeypair's "Only the same key pair can be selected" (seed 001), which JSON Schema
 * cannot say. Errors read like ajv's own: "must have the same keypair_name in every item".
 */
export const sameValueKeyword: FuncKeywordDefinition = {
  keyword: SAME_VALUE_KEYWORD,
  type: 'array',
  schemaType: 'string',
  errors: true,
  validate: function sameValue(member: string, data: unknown[]): boolean {
    let first: unknown;
    let seen = false;
    for (const item of data) {
      if (item === null || typeof item !== 'object' || !(member in item)) continue;
      const value = (item as Record<string, unknown>)[member];
      if (!seen) {
        first = value;
        seen = true;
      } else if (value !== first) {
        // Ajv reads a function keyword's errors from the function itself.
        (sameValue as SchemaValidateFunction).errors = [
          {
            keyword: SAME_VALUE_KEYWORD,
            message: `must have the same ${member} in every item`,
            params: { member },
          },
        ];
        return false;
      }
    }
    return true;
  },
};
