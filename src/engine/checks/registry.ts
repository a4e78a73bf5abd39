import type { RuleId } from '../../rules/rules.ts';
import type { Check } from './check.ts';
import { ECS_ATTACH_CHECKS } from './ecs-attach-checks.ts';
import { ECS_GATEWAY_CHECKS } from './ecs-gateway-checks.ts';
import { GENERIC_CHECKS } from './generic-checks.ts';
import { KPS_ASSOCIATE_CHECKS } from './kps-associate-checks.ts';
import { KPS_BATCH_CHECKS } from './kps-batch-checks.ts';
import { KPS_GATEWAY_CHECKS } from './kps-gateway-checks.ts';
import { KPS_TASK_CHECKS } from './kps-task-checks.ts';

/**
 * Every per-exchange check, keyed by rule id. Rules judged over a sequence rather than one exchange
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

/** Rules decided by sequences the engine runs itself, not by a per-exchange check. */
export const SEQUENCE_RULES: readonly RuleId[] = [
  'kps.task.terminal',
  'ecs.attach-key-pair.idempotent-replay',
  'ecs.attach-key-pair.idempotent-mismatch',
  'ecs.attach-key-pair.idempotent-processing',
];
