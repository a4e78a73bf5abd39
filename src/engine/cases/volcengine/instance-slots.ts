import fc from 'fast-check';
import type { InstanceKind } from '../case.ts';
import type { VolcengineTarget } from '../../target/resolved-target.ts';

/** An instance id the run requests, with the kind that decides its documented per-instance answer. */
export interface InstanceSlot {
  readonly id: string;
  readonly kind: InstanceKind;
}

/**
 * Distinct instance ids from every fixture list the target has, plus ids that exist nowhere (generated,
 * so "unknown"). Duplicates are avoided: the same instance twice is not documented.
 */
export function instanceSlots(target: VolcengineTarget, maxLength: number, unknownTag: () => string): fc.Arbitrary<InstanceSlot[]> {
  const known: InstanceSlot[] = (Object.entries(target.fixtures.instances) as [InstanceKind, readonly string[]][]).flatMap(([kind, ids]) =>
    ids.map((id) => ({ id, kind })),
  );
  const unknown = fc.integer({ min: 0, max: 1e9 }).map((n): InstanceSlot => ({ id: `i-unknown${n.toString(36)}${unknownTag()}`, kind: 'unknown' }));
  const slot = known.length > 0 ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...known) }, { weight: 1, arbitrary: unknown }) : unknown;
  return fc.uniqueArray(slot, { minLength: 1, maxLength, selector: (s) => s.id });
}

/** A printable-ASCII ClientToken shape of 8-64 characters; the run makes each one unique when sent. */
export const tokenShape = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), minLength: 8, maxLength: 64 });

/** Makes a token unique in the run by ending it with `unique`, keeping its length (8-64). */
export function uniqueToken(shape: string, unique: string): string {
  return shape.length > unique.length ? shape.slice(0, shape.length - unique.length) + unique : unique.slice(-shape.length);
}
