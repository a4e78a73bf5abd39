import type { RuleId } from '../../rules/rules.ts';
import type { Case, CaseOperation } from '../cases/case.ts';
import type { Exchange } from '../transport/exchange.ts';
import type { AnswerPlace, Check, CheckContext, Ownership, RuleOutcome } from './check.ts';
import { ContractFailure } from './contract-failure.ts';
import { ECS_ATTACH_CHECKS } from './ecs-attach-checks.ts';
import { ECS_GATEWAY_CHECKS } from './ecs-gateway-checks.ts';
import { GENERIC_CHECKS } from './generic-checks.ts';
import { KPS_ASSOCIATE_CHECKS } from './kps-associate-checks.ts';
import { KPS_BATCH_CHECKS } from './kps-batch-checks.ts';
import { KPS_GATEWAY_CHECKS } from './kps-gateway-checks.ts';
import { KPS_TASK_CHECKS, TASK_TERMINAL_OWNS } from './kps-task-checks.ts';

/**
 * Every per-exchange check, one per rule id. Rules judged over a sequence rather than one exchange
 * (the ClientToken model, task terminality) are judged where the sequence runs.
 */
export const CHECKS: readonly Check[] = [
  ...GENERIC_CHECKS,
  ...KPS_GATEWAY_CHECKS,
  ...KPS_ASSOCIATE_CHECKS,
  ...KPS_BATCH_CHECKS,
  ...KPS_TASK_CHECKS,
  ...ECS_GATEWAY_CHECKS,
  ...ECS_ATTACH_CHECKS,
];

const seen = new Set<RuleId>();
for (const check of CHECKS) {
  if (seen.has(check.rule)) throw new Error(`checks/registry: a check for ${check.rule} is already registered.`);
  seen.add(check.rule);
}

/** The checks that judge an exchange of any of these operations (a family's, for its registry entry). */
export function checksFor(operations: readonly CaseOperation[]): Check[] {
  return CHECKS.filter((check) => check.operations.some((op) => operations.includes(op)));
}

/** Rules decided by sequences the engine runs itself, not by a per-exchange check. */
export const SEQUENCE_RULES: readonly RuleId[] = [
  'kps.task.terminal',
  'ecs.attach-key-pair.idempotent-replay',
  'ecs.attach-key-pair.idempotent-mismatch',
  'ecs.attach-key-pair.idempotent-processing',
];

/** A rule that owns places of its operations' answers: every check that says so, and the sequence rules that do. */
interface Owner {
  readonly rule: RuleId;
  readonly operations: readonly CaseOperation[];
  readonly owns: Ownership;
}

const SEQUENCE_OWNERS: readonly Owner[] = [{ rule: 'kps.task.terminal', operations: ['kps.task'], owns: TASK_TERMINAL_OWNS }];

/** Groups by operation, keeping the registry's order within each. */
function byOperation<T extends { readonly operations: readonly CaseOperation[] }>(items: readonly T[]): ReadonlyMap<CaseOperation, readonly T[]> {
  const map = new Map<CaseOperation, T[]>();
  for (const item of items) for (const op of item.operations) map.set(op, [...(map.get(op) ?? []), item]);
  return map;
}

const CHECKS_BY_OPERATION = byOperation(CHECKS);
const OWNERS = [...CHECKS.filter((k): k is Check & Owner => k.owns !== undefined), ...SEQUENCE_OWNERS];
const OWNERS_BY_OPERATION = byOperation(OWNERS);

/**
 * Judges one exchange with every check of its case's operation: the one loop of the suite (a run's
 * tally and fidelity both take its outcomes). A check that does not apply is left out.
 */
export function judgeExchange(c: Case, x: Exchange, ctx: CheckContext): RuleOutcome[] {
  const outcomes: RuleOutcome[] = [];
  for (const check of CHECKS_BY_OPERATION.get(c.operation) ?? []) {
    try {
      const judgement = check.judge(c, x, ctx);
      if (judgement !== 'not-applicable') outcomes.push({ rule: check.rule, judgement });
    } catch (error) {
      if (!(error instanceof ContractFailure)) throw error;
      if (error.rule !== check.rule) throw new Error(`checks/registry: the check of ${check.rule} threw a failure of ${error.rule}.`, { cause: error });
      outcomes.push({ rule: check.rule, failure: error });
    }
  }
  return outcomes;
}

/**
 * The rule that owns a place where two answers differ: the first of the case's operation, in the
 * registry's order, whose check (or sequence) claims it. Undefined when no rule owns it.
 */
export function ownerOf(place: AnswerPlace): RuleId | undefined {
  return (OWNERS_BY_OPERATION.get(place.case.operation) ?? []).find((o) => o.owns.places(place))?.rule;
}

/** The rule echoes the request: a difference it owns is its own whatever rules the case was made for. */
export const echoesRequest = (rule: RuleId): boolean => OWNERS.some((o) => o.rule === rule && o.owns.echo === true);
