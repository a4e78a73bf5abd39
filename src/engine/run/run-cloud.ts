import { API_FAMILIES, CLOUDS, type Cloud } from '../../families/api-families.ts';
import { rulesOf } from '../../families/cloud-rules.ts';
import { RULES, type RuleId } from '../../rules/rules.ts';
import { SEQUENCE_RULES } from '../checks/registry.ts';
import type { ClientUnderTest } from '../transport/clients/client-under-test.ts';
import type { ResolvedTarget } from '../target/resolved-target.ts';
import { BudgetExhausted, RunInterrupted, TargetUnreachable } from '../transport/budget-exhausted.ts';
import type { RuleVerdict } from '../verdicts/rule-verdict.ts';
import { EngineContext, type RunSettings } from './engine-context.ts';
import { ENGINE_FAMILIES } from './cloud-registry.ts';
import { notRestored, restoreFixtures, type RestoreOutcome } from './restore/restore-fixtures.ts';
import { runSdkFaultPlan } from './sdk/sdk-fault-plan.ts';
import { runSdkResponsePlan } from './sdk/sdk-response-plan.ts';

// The rules a cloud's run decides (the runner lists its tests from the same function).
export { rulesOf };

/** Why a rule no check applied to was not decided, in words a reader can act on. */
const NO_OBSERVATION: Partial<Record<RuleId, string>> = {
  'ecs.attach-key-pair.flow-limit': 'the target did not throttle during the run',
  'kps.associate.failed-has-error': 'the target answered no FAILED body to decide it on',
  'kps.batch-associate.failed-has-error': 'the target answered no FAILED task to decide it on',
  'kps.task.lookup': 'no bind answered a task_id to look up',
  'kps.task.terminal': 'no bind answered a task_id to follow',
};

/**
 * Runs one cloud's whole plan against the target and decides every rule of that cloud: pass, fail, or
 * skipped with the reason (cloud absent, missing fixture, budget spent, nothing to observe).
 */
export interface CloudOutcome {
  readonly verdicts: RuleVerdict[];
  /** Every request sent, the restore's included. */
  readonly requests: number;
  /** Of `requests`, those the final restore sent (they do not count against safety.maxRequests). */
  readonly restoreRequests?: number;
  readonly restore: RestoreOutcome[];
  /** Set when the target never answered, or stopped answering: the run reached no verdict on the rest. */
  readonly couldNotRun?: string;
}

export async function runCloud(cloud: Cloud, target: ResolvedTarget, settings: RunSettings, onSend?: () => void): Promise<CloudOutcome> {
  const rules = rulesOf(cloud, settings.client !== undefined);
  const ctx = new EngineContext(target, settings, onSend);
  if (!target[cloud]) {
    for (const rule of rules) ctx.tally.skip(rule, `${cloud} is absent from the target file ${target.file}`);
    return { verdicts: ctx.tally.verdicts(rules), requests: 0, restore: [] };
  }
  skipMissingFixtures(ctx, target);
  if (settings.client) {
    for (const other of CLOUDS.filter((c) => c !== cloud)) {
      for (const rule of ENGINE_FAMILIES[other].ownClientRules)
        ctx.tally.skip(rule, `a ${API_FAMILIES[other].title} rule: decided on the client's ${other} calls`);
    }
  }
  if (settings.client && !clientCovers(settings.client, cloud)) {
    for (const rule of rules) ctx.tally.skip(rule, `the client ${settings.client.name} offers none of ${cloud}'s operations`);
    return { verdicts: ctx.tally.verdicts(rules), requests: 0, restore: [] };
  }
  const observe = settings.observe;
  if (observe) ctx.onExchange((c, x) => void (!x.notSent && observe(c, x)));
  const ledger = ctx.ledger;
  ctx.onExchange((c, x) => ledger.observe(c, x));
  let answered = 0;
  let firstSilence: string | undefined;
  ctx.onExchange((_c, x) => {
    if (x.response) answered++;
    else if (!x.notSent) firstSilence ??= x.error;
  });
  let unreachable: string | undefined;
  const family = ENGINE_FAMILIES[cloud];
  try {
    await family.runPlan(ctx);
    if (ctx.sdk) {
      await runSdkResponsePlan(ctx, family.sdkResponses(ctx));
      await runSdkFaultPlan(ctx, family.sdkFaultedCalls(ctx));
    }
  } catch (error) {
    if (!(error instanceof BudgetExhausted)) throw error;
    if (error instanceof TargetUnreachable) unreachable = error.message;
    else if (error instanceof RunInterrupted) for (const rule of rules) ctx.tally.skip(rule, 'the run was interrupted before it was decided');
    // Spent while deciding: the rules still undecided are so for the budget. Spent while exploring
    // (every rule has had its cases), they keep their own reason; whether the plan or a lease's
    // restore met the end of the budget first is timing, serial or not.
    else if (ctx.pass === 'decide' || ctx.sdk) for (const rule of rules) ctx.tally.skip(rule, `budget: ${error.message} before a case decided it`);
  } finally {
    await ctx.sdk?.close();
    // The plan is over, whichever lane stopped it: the restore below may send.
    ctx.clearAbort();
  }
  const couldNotRun =
    answered === 0 && ctx.transport.requestsSent + (ctx.sdk?.requestsSent ?? 0) > 0
      ? `the target never answered (${firstSilence ?? 'no answer'}): is ${target[cloud]!.endpoint} up, and the endpoint right?`
      : unreachable && `${unreachable}, after ${answered} answers`;
  // A request with no answer is no evidence about a rule: those failures are withdrawn, the rule undecided.
  if (couldNotRun) {
    ctx.tally.withdrawUnanswered();
    for (const rule of rules) ctx.tally.skip(rule, `could not run: ${couldNotRun}`);
  }
  const sentBeforeRestore = ctx.transport.requestsSent + (ctx.sdk?.requestsSent ?? 0);
  const restore =
    settings.restore === false ? [] : unreachable ? notRestored(family.restore.changed(ledger)) : await restoreFixtures(ctx, family.restore.jobs(ctx, ledger));
  // Counted after the restore, whose requests the target receives too (and the progress line counts).
  const requests = ctx.transport.requestsSent + (ctx.sdk?.requestsSent ?? 0);
  const restoreRequests = requests - sentBeforeRestore;
  const reason = (rule: RuleId) =>
    !ctx.mutationsAllowed
      ? 'safety.allowMutations is false: only requests the documents say are refused were sent, and deciding this rule needs one that may bind'
      : settings.client
        ? (NO_OBSERVATION[rule] ?? 'the client cannot send the requests that decide it (unsigned or raw requests, another Version), or none came up')
        : (NO_OBSERVATION[rule] ??
          (SEQUENCE_RULES.includes(rule) ? 'its sequence could not run with these fixtures' : 'no case exercised it with these fixtures'));
  return { verdicts: ctx.tally.verdicts(rules, reason), requests, restoreRequests, restore, ...(couldNotRun ? { couldNotRun } : {}) };
}

function clientCovers(client: ClientUnderTest, cloud: Cloud): boolean {
  return API_FAMILIES[cloud].clientOperations.some((op) => client.operations.has(op));
}

/** A rule whose fixture list is empty in the target file is skipped with that reason. */
function skipMissingFixtures(ctx: EngineContext, target: ResolvedTarget): void {
  for (const rule of RULES) {
    for (const path of ('fixtures' in rule ? rule.fixtures : undefined) ?? []) {
      const list = path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | null | undefined)?.[key], target);
      if (!Array.isArray(list) || list.length === 0) ctx.tally.skip(rule.id, `missing fixture: the target file lists no ${path}`);
    }
  }
  for (const cloud of CLOUDS) {
    const { path, count } = ENGINE_FAMILIES[cloud].essentialFixtures;
    if ((count(target) ?? 1) === 0) for (const r of rulesOf(cloud)) ctx.tally.skip(r, `missing fixture: the target file lists no ${path}`);
  }
}
