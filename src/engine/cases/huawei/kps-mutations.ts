import fc from 'fast-check';
import type { RuleId } from '../../../rules/rules.ts';

/**
 * The body a mutation starts from: a valid AssociateKeypair body as the plan makes it (the spec's
 * AssociateKeypairRequestBody, though its server id is unset where the plan has no server to name).
 */
export interface AssociateBodyJson {
  readonly [member: string]: unknown;
  readonly server?: { readonly [member: string]: unknown };
}

/** A named way of breaking a valid AssociateKeypair body, tied to the rules it breaks. */
export interface BodyMutation {
  readonly name: string;
  readonly title: string;
  readonly rules: readonly RuleId[];
  /** reject: breaks the request schema (rejects-invalid applies); any: breaks a rule the schema cannot say. */
  readonly kind: 'reject' | 'any';
  /** A mutated body (or raw text, for bodies that are not JSON), from a valid one. */
  readonly mutate: fc.Arbitrary<(valid: AssociateBodyJson) => unknown | { raw: string }>;
  /**
   * The listed values of a mutation, each sent once on every run whatever --runs says, so no rule's
   * verdict depends on which of them chance draws (a port sent as the string "22").
   */
  readonly fixed?: readonly ((valid: AssociateBodyJson) => unknown | { raw: string })[];
}

/** A mutation by each of a list of values: drawn by the property, and each one also fixed. */
function byValues<T>(values: readonly T[], apply: (v: T) => (valid: AssociateBodyJson) => unknown | { raw: string }): Pick<BodyMutation, 'mutate' | 'fixed'> {
  return { mutate: fc.constantFrom(...values).map(apply), fixed: values.map(apply) };
}

const without = (o: { readonly [member: string]: unknown }, key: string) => {
  const { [key]: _dropped, ...rest } = o;
  return rest;
};
const withServer = (b: AssociateBodyJson, server: Record<string, unknown>) => ({ ...b, server: { ...b.server, ...server } });
const wrongTypes = (except: 'string' | 'boolean' | 'integer' | 'object'): unknown[] =>
  (
    [
      ['string', 'keypair'],
      ['boolean', true],
      ['integer', 22],
      ['number', 22.5],
      ['null', null],
      ['array', ['x']],
      ['object', { a: 1 }],
    ] as const
  )
    .filter(([t]) => t !== except)
    .map(([, v]) => v as unknown);
const AUTH_TYPES = ['password', 'keypair'];

/** Every named mutation of an AssociateKeypair body (rules of seeds 000/003), boundaries included. */
export const ASSOCIATE_MUTATIONS: BodyMutation[] = [
  {
    name: 'drop-keypair_name',
    title: 'a body without keypair_name is rejected',
    rules: ['kps.associate.keypair-name-required'],
    kind: 'reject',
    mutate: fc.constant((b) => without(b, 'keypair_name')),
  },
  {
    name: 'drop-server',
    title: 'a body without server is rejected',
    rules: ['kps.associate.server-required'],
    kind: 'reject',
    mutate: fc.constant((b) => without(b, 'server')),
  },
  {
    name: 'drop-server.id',
    title: 'a server without id is rejected',
    rules: ['kps.associate.server-id-required'],
    kind: 'reject',
    mutate: fc.constant((b) => ({ ...b, server: without(b.server!, 'id') })),
  },
  {
    name: 'auth.type-outsider',
    title: 'an auth.type other than password or keypair is rejected',
    rules: ['kps.associate.auth-type-enum'],
    kind: 'reject',
    mutate: fc
      .string({ maxLength: 12 })
      .filter((t) => !AUTH_TYPES.includes(t))
      .map((t) => (b: AssociateBodyJson) => withServer(b, { auth: { type: t, key: 'k' } })),
  },
  {
    name: 'keypair_name-wrong-type',
    title: 'a keypair_name that is not a string is rejected',
    rules: ['kps.associate.field-types'],
    kind: 'reject',
    ...byValues(wrongTypes('string'), (v) => (b) => ({ ...b, keypair_name: v })),
  },
  {
    name: 'disable_password-wrong-type',
    title: 'a disable_password that is not a boolean is rejected',
    rules: ['kps.associate.field-types'],
    kind: 'reject',
    ...byValues(wrongTypes('boolean'), (v) => (b) => withServer(b, { disable_password: v })),
  },
  {
    name: 'port-wrong-type',
    title: 'a port that is not an integer is rejected',
    rules: ['kps.associate.field-types'],
    kind: 'reject',
    ...byValues<unknown>(['22', 22.5, true, null, [22], { port: 22 }], (v) => (b) => withServer(b, { port: v })),
  },
  {
    name: 'auth-wrong-type',
    title: 'an auth that is not an object is rejected',
    rules: ['kps.associate.field-types'],
    kind: 'reject',
    ...byValues<unknown>(['keypair', 1, true, ['keypair']], (v) => (b) => withServer(b, { auth: v })),
  },
  {
    name: 'server.id-wrong-type',
    title: 'a server.id that is not a string is rejected',
    rules: ['kps.associate.field-types'],
    kind: 'reject',
    ...byValues<unknown>([1, true, null, ['id']], (v) => (b) => withServer(b, { id: v })),
  },
  {
    name: 'port-out-of-range',
    title: 'a port outside 1-65535 is rejected',
    rules: ['kps.associate.port-range'],
    kind: 'any',
    mutate: fc
      .oneof(fc.constantFrom(0, -1, 65536, 70000), fc.integer({ min: 65536, max: 2 ** 31 - 1 }), fc.integer({ min: -(2 ** 31), max: 0 }))
      .map((p) => (b: AssociateBodyJson) => withServer(b, { port: p })),
    // The edges on every run: the first value out of range on each side, and two more.
    fixed: [0, 65536, -1, 70000].map((p) => (b: AssociateBodyJson) => withServer(b, { port: p })),
  },
  {
    name: 'malformed-json',
    title: 'a body that is not JSON is rejected',
    rules: ['kps.associate.malformed-json'],
    kind: 'reject',
    ...byValues(['truncated', 'trailing', 'single-quotes', 'garbage'], (how) => (b) => {
      const text = JSON.stringify(b);
      return {
        raw:
          how === 'truncated'
            ? text.slice(0, -3)
            : how === 'trailing'
              ? `${text}}`
              : how === 'single-quotes'
                ? text.replace(/"/g, "'")
                : 'keypair_name=x&server=y',
      };
    }),
  },
  {
    name: 'body-not-object',
    title: 'a JSON body that is not an object is rejected',
    rules: [],
    kind: 'reject',
    ...byValues<unknown>([[], 'body', 42, null, true], (v) => () => v),
  },
  {
    name: 'drop-keypair_name-and-bad-auth.type',
    title: 'a body breaking two rules is rejected',
    rules: ['kps.associate.keypair-name-required', 'kps.associate.auth-type-enum'],
    kind: 'reject',
    mutate: fc.constant((b) => without(withServer(b, { auth: { type: 'token' } }), 'keypair_name')),
  },
];
