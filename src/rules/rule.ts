/** How binding a rule is (docs/RULES.md, "Levels"). */
export type RuleLevel = 'must' | 'should' | 'conflict';

/**
 * What a rule is about: one of the three checked operations, a cloud's gateway (`kps`, `ecs`: every
 * operation of that cloud), the supporting Huawei task lookup (`kps.task`), or a client under test (`client`: SDKs and other callers).
 */
export type RuleOperation = 'kps.associate' | 'kps.batch-associate' | 'ecs.attach-key-pair' | 'kps' | 'kps.task' | 'ecs' | 'client';

/** One documented rule: the unit the suite reports by and the mock can break on purpose. */
export interface Rule {
  /** Stable id of docs/RULES.md, e.g. `ecs.attach-key-pair.max-100`. */
  readonly id: string;
  readonly level: RuleLevel;
  readonly operation: RuleOperation;
  /** The documents the rule is read from (seed file and section, or the public page). */
  readonly source: string;
  /** The rule as docs/RULES.md states it, in one line. */
  readonly statement: string;
  /**
   * Where a spec schema states the rule: `schema` (an `x-rules` annotation on the node whose keywords
   * enforce it) or `schema-constraint` (a should-level `x-rule-constraints` entry, kept out of the
   * response/request schema so that breaking it is not a must failure).
   */
  readonly expressedBy?: 'schema' | 'schema-constraint';
  /** Target-file fixture lists the rule needs; without them it is reported skipped. */
  readonly fixtures?: readonly string[];
}
