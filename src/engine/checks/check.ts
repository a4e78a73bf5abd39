import type { RuleId } from '../../rules/rules.ts';
import type { SpecValidators } from '../../spec/spec-validators.ts';
import type { Case, CaseOperation, InstanceKind, ServerKnowledge } from '../cases/case.ts';
import type { ResolvedTarget } from '../target/resolved-target.ts';
import type { Exchange } from '../transport/exchange.ts';
import { ContractFailure } from './contract-failure.ts';

/** What a check concluded of one exchange, when it did not throw a ContractFailure. */
export type Judgement = 'not-applicable' | 'held' | { readonly variant: string };

/** What one rule's check concluded of one exchange it applied to: held, a variant, or the failure. */
export type RuleOutcome =
  { readonly rule: RuleId; readonly judgement: 'held' | { readonly variant: string } } | { readonly rule: RuleId; readonly failure: ContractFailure };

/** The failures among outcomes. */
export const failuresOf = (outcomes: readonly RuleOutcome[]): ContractFailure[] => outcomes.flatMap((o) => ('failure' in o ? [o.failure] : []));

/**
 * The few facts of the target the checks judge by, taken from the target file once: the checks never
 * read the target itself.
 */
export interface TargetFacts {
  /** How Huawei requests authenticate: AK/SK signatures, or an IAM token (no signature to judge). */
  readonly huaweiAuth?: 'aksk' | 'token';
  readonly volcengine?: {
    /** The region requests are signed for. */
    readonly region: string;
    /** The endpoint's host name ('' when its URL does not parse). */
    readonly endpointHost: string;
    /** The ids of the target's key pairs (its fixtures). */
    readonly keyPairIds: readonly string[];
  };
}

/** Everything a check may consult: compiled validators (once per run) and the target's facts. */
export interface CheckContext {
  readonly validators: SpecValidators;
  readonly facts: TargetFacts;
}

/** The context the checks of a run against `target` judge in. */
export function checkContext(validators: SpecValidators, target: ResolvedTarget): CheckContext {
  const volc = target.volcengine;
  const facts: TargetFacts = {
    ...(target.huaweicloud ? { huaweiAuth: target.huaweicloud.credentials.kind } : {}),
    ...(volc ? { volcengine: { region: volc.region, endpointHost: hostOf(volc.endpoint), keyPairIds: volc.fixtures.keyPairs.map((k) => k.id) } } : {}),
  };
  return { validators, facts };
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}

/**
 * A place where two answers to one case differ, as fidelity found it: a check that owns the place has the
 * difference charged to its rule.
 */
export interface AnswerPlace {
  /** The reference's case (both sides sent the same). */
  readonly case: Case;
  /** `['status']`: the HTTP status; `['body', ...members]`: a member of the body (`['body', 'tasks', 0, 'status']`). */
  readonly path: readonly (string | number)[];
  /** The value there on each side, normalised: the reference's, then the candidate's. */
  readonly values: readonly [unknown, unknown];
  /** In an instance's OperationDetails entry: what the suite knew of that instance. */
  readonly instance?: InstanceKind;
  /** In a server's answer (a bind, or a batch entry's task): what the suite knew of that server. */
  readonly server?: ServerKnowledge;
}

/** The places of an answer a rule owns (fidelity charges a difference there to it). */
export interface Ownership {
  readonly places: (place: AnswerPlace) => boolean;
  /** The rule echoes the request: a difference there is its own whatever rules the case was made for. */
  readonly echo?: true;
}

/** Throws the ContractFailure of the check's own rule: a title, then what was received and what is documented. */
export type Fail = (title: string, received: string, documented: string) => never;

/** A check's judgement of one exchange of its operations; `fail` throws its rule's ContractFailure. */
export type JudgeFn = (c: Case, x: Exchange, ctx: CheckContext, fail: Fail) => Judgement;

/**
 * A registered check: one rule, judged on one exchange at a time of the operations it names (the registry
 * hands it no other). It throws its rule's ContractFailure when the rule is broken, and never returns a
 * boolean.
 */
export interface Check {
  readonly rule: RuleId;
  /** The case operations the check judges. */
  readonly operations: readonly CaseOperation[];
  /** What of an answer the rule owns, for fidelity. */
  readonly owns?: Ownership;
  judge(c: Case, x: Exchange, ctx: CheckContext): Judgement;
}

/** A check of `rule` on exchanges of `operations`, whose failures can name no other rule. */
export function defineCheck(rule: RuleId, operations: readonly CaseOperation[], judge: JudgeFn, options: { owns?: Ownership } = {}): Check {
  const fail: Fail = (title, received, documented) => {
    throw new ContractFailure(rule, title, received, documented);
  };
  return { rule, operations, ...(options.owns ? { owns: options.owns } : {}), judge: (c, x, ctx) => judge(c, x, ctx, fail) };
}
