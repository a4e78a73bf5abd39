import fc from 'fast-check';
import type { components } from '../../../../generated/huaweicloud-kps.ts';
import { schemaArbitrary } from '../arbitraries/schema-arbitrary.ts';

/** The spec's AssociateKeypair body (generated/huaweicloud-kps.ts, made from the Huawei KPS spec). */
export type AssociateKeypairBody = components['schemas']['AssociateKeypairRequestBody'];

/**
 * A valid AssociateKeypair body derived from the spec schema, its key pair drawn from the target's
 * fixtures; `server.id` is left empty for the run to fill from what it knows of each server.
 */
export function associateBody(keypairs: readonly string[]): fc.Arbitrary<AssociateKeypairBody> {
  return schemaArbitrary('huaweicloud-kps', 'AssociateKeypairRequestBody', {
    '/keypair_name': fc.constantFrom(...keypairs),
    '/server/id': fc.constant(''),
  }) as fc.Arbitrary<AssociateKeypairBody>; // values of the schema the type is generated from
}

/** Which kind of fixture server a batch entry goes to; the run resolves it to an id it knows. */
export type ServerSlot = 'fresh' | 'bound' | 'stopped';

/** A batch of 1-10 entries with one key pair, each aimed at a kind of server. */
export function batchShape(
  keypairs: readonly string[],
  slots: readonly ServerSlot[],
): fc.Arbitrary<{ keypair: string; entries: { slot: ServerSlot; body: AssociateKeypairBody }[] }> {
  return fc.record({
    keypair: fc.constantFrom(...keypairs),
    entries: fc.array(fc.record({ slot: fc.constantFrom(...slots), body: associateBody(keypairs) }), { minLength: 1, maxLength: 10 }),
  });
}
