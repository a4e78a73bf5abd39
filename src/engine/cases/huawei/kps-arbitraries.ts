import fc from 'fast-check';
import { schemaArbitrary } from '../arbitraries/schema-arbitrary.ts';

/**
 * A valid AssociateKeypair body derived from the spec schema, its key pair drawn from the target's
 * fixtures; `server.id` is left empty for the run to fill from what it knows of each server.
 */
export function associateBody(keypairs: readonly string[]): fc.Arbitrary<Record<string, any>> {
  return schemaArbitrary('huaweicloud-kps', 'AssociateKeypairRequestBody', {
    '/keypair_name': fc.constantFrom(...keypairs),
    '/server/id': fc.constant(''),
  }) as fc.Arbitrary<Record<string, any>>;
}

/** Which kind of fixture server a batch entry goes to; the run resolves it to an id it knows. */
export type ServerSlot = 'fresh' | 'bound' | 'stopped';

/** A batch of 1-10 entries with one key pair, each aimed at a kind of server. */
export function batchShape(keypairs: readonly string[], slots: readonly ServerSlot[]): fc.Arbitrary<{ keypair: string; entries: { slot: ServerSlot; body: Record<string, any> }[] }> {
  return fc.record({
    keypair: fc.constantFrom(...keypairs),
    entries: fc.array(fc.record({ slot: fc.constantFrom(...slots), body: associateBody(keypairs) }), { minLength: 1, maxLength: 10 }),
  });
}
