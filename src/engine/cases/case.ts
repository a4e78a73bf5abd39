import type { FamilyOperation } from '../../families/api-families.ts';
import type { InstanceKind } from '../../rules/instance-kinds.ts';
import type { RuleId } from '../../rules/rules.ts';
import type { ClientPlan } from './client-plan.ts';

/** The operations the engine sends: the three checked ones and the supporting Huawei ones. */
/** An operation a case exercises: the API families name them (families/api-families.ts). */
export type CaseOperation = FamilyOperation;

/** How a case authenticates: the target's credentials, or a documented way of getting it wrong. */
export type AuthVariant =
  | 'default'
  | 'none'
  | 'wrong-secret'
  | 'unknown-access-key'
  | 'stale-date'
  | 'tamper-body'
  /** Volcengine: signed correctly, but with a credential scope naming another region than the endpoint's. */
  | 'other-region-scope';

/** What a case sends, before transport: a Huawei JSON body, or a Volcengine logical request. */
export interface CaseRequest {
  /** Huawei: the JSON body (any value, including invalid ones). */
  readonly body?: unknown;
  /** Huawei: the body as raw text, for bodies that are not JSON. */
  readonly rawBody?: string;
  /** Huawei ListKeypairTask: the task id. */
  readonly taskId?: string;
  /** Volcengine: the logical request (InstanceIds as an array), encoded by the spec's x-wire-encoding. */
  readonly logical?: Readonly<Record<string, string | readonly string[] | undefined>>;
  /** Volcengine: replaces the fixed Action/Version (undefined, or null in a cassette, drops one). */
  readonly fixed?: Readonly<Record<string, string | null | undefined>>;
  /** Volcengine: parameters appended as they are, e.g. an unknown one. */
  readonly extraQuery?: readonly (readonly [string, string])[];
  readonly auth?: AuthVariant;
}

/** Where a Volcengine instance id comes from, which decides its documented per-instance answer (src/rules/instance-kinds.ts). */
export type { InstanceKind };

/** Where a Huawei server id comes from, as far as the suite knows at the time it sends the case. */
export type ServerKnowledge = 'fresh' | 'bound' | 'stopped' | 'unknown-server' | 'unpredictable';

/** What the documents let the suite expect of a case's answer. */
export interface Expectation {
  /** accept: valid and every precondition met; reject: breaks the request schema; any: no prediction. */
  readonly kind: 'accept' | 'reject' | 'any';
  /**
   * The documents say this request is refused (4xx) whatever the target's state, so it binds nothing:
   * safe to send when the target file forbids mutations. Implied by kind 'reject'.
   */
  readonly refused?: boolean;
  /**
   * A probe: a later request that shows what an earlier one did ("changes nothing"). Its answer is
   * evidence for its rules alone, whatever else differs in it (fidelity charges a difference to them).
   */
  readonly probes?: boolean;
  /** The rules this case was made to exercise (a mutation names the rules it breaks). */
  readonly rules: readonly RuleId[];
  /** Huawei binds: what the suite knows of each server (one for AssociateKeypair, one per batch entry). */
  readonly servers?: readonly ServerKnowledge[];
  /** Volcengine: the kind of each requested instance, in order. */
  readonly instances?: readonly InstanceKind[];
}

/** One request with what is expected of its answer (docs/DESIGN.md, "case"). */
export interface Case {
  readonly id: string;
  /** A fact, present tense, under 70 characters: "101 instance ids are rejected". */
  readonly title: string;
  readonly source: 'example' | 'property' | 'mutation' | 'auth' | 'model';
  readonly operation: CaseOperation;
  readonly request: CaseRequest;
  readonly expect: Expectation;
  /** SDK mode: how the client's call is answered, when not by the target (scripted answers, fault schedules). */
  readonly clientPlan?: ClientPlan;
}
