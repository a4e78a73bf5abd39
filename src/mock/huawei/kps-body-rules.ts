import type { ErrorObject } from 'ajv';
import type { ServerRuleId } from '../../rules/rules.ts';
import { SAME_VALUE_KEYWORD } from '../../spec/schema-extensions.ts';

/**
 * The rule an ajv error of a KPS request body breaks, so that the mock can break exactly one rule on
 * purpose (a fault drops that rule's errors) while every other rule still holds.
 */
export function kpsBodyRule(op: 'kps.associate' | 'kps.batch-associate', error: ErrorObject): ServerRuleId {
  if (op === 'kps.batch-associate') {
    if (error.instancePath === '' && error.keyword === 'required') return 'kps.batch-associate.batch-required';
    if (error.instancePath === '/batch_keypairs' && error.keyword === 'maxItems') return 'kps.batch-associate.max-10';
    if (error.instancePath === '/batch_keypairs' && error.keyword === SAME_VALUE_KEYWORD) return 'kps.batch-associate.same-keypair';
    if (error.instancePath.startsWith('/batch_keypairs/')) return 'kps.batch-associate.item-validation';
    return 'kps.batch-associate.rejects-invalid';
  }
  const missing = error.keyword === 'required' ? String(error.params.missingProperty) : '';
  if (error.instancePath === '' && missing === 'keypair_name') return 'kps.associate.keypair-name-required';
  if (error.instancePath === '' && missing === 'server') return 'kps.associate.server-required';
  if (error.instancePath === '/server' && missing === 'id') return 'kps.associate.server-id-required';
  if (error.keyword === 'enum' && error.instancePath === '/server/auth/type') return 'kps.associate.auth-type-enum';
  if (error.keyword === 'type' && error.instancePath !== '') return 'kps.associate.field-types';
  return 'kps.associate.rejects-invalid';
}
