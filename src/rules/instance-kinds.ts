// The one table of Volcengine instance kinds (RULES.md, AttachKeyPair; seed 002: OperationDetails): the rule
// that owns each kind's per-instance answer and the Error.Code that rule documents for it. The checks judge
// by it, fidelity charges a difference in an instance's entry to its rule, and the mock answers with its code.
import type { ServerRuleId } from './rules.ts';

/** Where a Volcengine instance id comes from: a fixture list of the target file, or none (`unknown`). */
export type InstanceKind = 'running' | 'stopped' | 'windows' | 'noAgent' | 'transitional' | 'unknown';

/** The kinds a target file lists instances of (every kind but `unknown`). */
export type FixtureInstanceKind = Exclude<InstanceKind, 'unknown'>;

/** What RULES.md says of one kind of instance. */
export interface InstanceKindRule {
  /** The rule that owns the kind's per-instance answer. */
  readonly rule: ServerRuleId;
  /** The entry's documented `Error.Code`; null: `Error` is null (the bind succeeds). */
  readonly code: string | null;
}

export const INSTANCE_KINDS: Readonly<Record<InstanceKind, InstanceKindRule>> = {
  running: { rule: 'ecs.attach-key-pair.running-and-stopped', code: null },
  stopped: { rule: 'ecs.attach-key-pair.running-and-stopped', code: null },
  windows: { rule: 'ecs.attach-key-pair.windows', code: 'InvalidKeyPairForWindows.Unsupported' },
  noAgent: { rule: 'ecs.attach-key-pair.no-agent', code: 'InvalidResetAuthenticationAgent.NotFound' },
  transitional: { rule: 'ecs.attach-key-pair.instance-status', code: 'InvalidInstanceStatus' },
  unknown: { rule: 'ecs.attach-key-pair.instance-not-found', code: 'InvalidInstance.NotFound' },
};

const KINDS = Object.keys(INSTANCE_KINDS) as InstanceKind[];

export const isInstanceKind = (value: unknown): value is InstanceKind => typeof value === 'string' && (KINDS as string[]).includes(value);

/** The kinds a rule owns, in the table's order. */
export const instanceKindsOf = (rule: ServerRuleId): InstanceKind[] => KINDS.filter((k) => INSTANCE_KINDS[k].rule === rule);

/** The rule that owns a per-instance error code, undefined for a code no kind documents. */
export function instanceRuleOfCode(code: string): ServerRuleId | undefined {
  const kind = KINDS.find((k) => INSTANCE_KINDS[k].code === code);
  return kind ? INSTANCE_KINDS[kind].rule : undefined;
}
