import { API_FAMILIES, type ApiFamily, type Cloud } from '../../families/api-families.ts';
import type { RuleId } from '../../rules/rules.ts';
import { INSTANCE_KINDS } from '../../rules/instance-kinds.ts';
import type { Case } from '../cases/case.ts';
import type { Check } from '../checks/check.ts';
import { checksFor } from '../checks/registry.ts';
import type { ResolvedTarget } from '../target/resolved-target.ts';
import type { WireAttempt } from '../transport/client-wire.ts';
import type { EngineContext } from './engine-context.ts';
import { runHuaweiPlan } from './huawei/huawei-plan.ts';
import { huaweiCaseFromRequest, volcengineCaseFromRequest } from './proxy/case-from-request.ts';
import { huaweiFaultedCalls, huaweiResponseCases } from './huawei/huawei-sdk-plan.ts';
import { huaweiChangedResources, huaweiRestoreJobs } from './huawei/restore-servers.ts';
import type { ChangeLedger } from './restore/change-ledger.ts';
import type { RestoreJob } from './restore/restore-fixtures.ts';
import type { FaultedCall } from './sdk/sdk-fault-plan.ts';
import type { ScriptedCase } from './sdk/sdk-response-plan.ts';
import { volcengineChangedResources, volcengineRestoreJobs } from './volcengine/restore-instances.ts';
import { volcengineFaultedCalls, volcengineResponseCases } from './volcengine/volcengine-sdk-plan.ts';
import { runVolcenginePlan } from './volcengine/volcengine-plan.ts';

// The engine's registry of API families: for each cloud of families/api-families.ts, what the suite
// runs against it. It is a Record over every Cloud, so a family added there is a compile error here
// until its plan, SDK answers and proxy decoding exist. Its checks are those of its operations
// (checks/registry.ts finds them by the operations each declares).

export interface EngineFamily {
  /** What is fixed about the family: spec, rule scope, operations, wire style, signer. */
  readonly facts: ApiFamily;
  /** Its per-exchange checks (found by the operations they judge). */
  readonly checks: readonly Check[];
  /** The kinds of fixture its target section lists, each of which some rule needs (RULES.md). */
  readonly fixtureKinds: readonly string[];
  /** Sends the family's whole plan: fixed cases, properties, mutations, sequences. */
  runPlan(ctx: EngineContext): Promise<void>;
  /** SDK mode: every documented answer, served to the client by script. */
  sdkResponses(ctx: EngineContext): ScriptedCase[];
  /** SDK mode: the calls the fault schedules are played on. */
  sdkFaultedCalls(ctx: EngineContext): FaultedCall[];
  /** The fixture list without which none of the family's rules can be decided, and its length in a target. */
  readonly essentialFixtures: { readonly path: string; count(target: ResolvedTarget): number | undefined };
  /** The restore: a job per fixture the run changed, and their names for a report when none can run. */
  readonly restore: { jobs(ctx: EngineContext, ledger: ChangeLedger): RestoreJob[]; changed(ledger: ChangeLedger): string[] };
  /** Client rules only this family's calls can decide (they are skipped on the others'). */
  readonly ownClientRules: readonly RuleId[];
  /** A case made from a request a client sent through the proxy, or undefined for no checked operation. */
  caseFromRequest(a: WireAttempt, n: number): Case | undefined;
}

export const ENGINE_FAMILIES: Record<Cloud, EngineFamily> = {
  huaweicloud: {
    facts: API_FAMILIES.huaweicloud,
    checks: checksFor(API_FAMILIES.huaweicloud.operations),
    fixtureKinds: ['keypairs', 'servers.running', 'servers.bound', 'servers.stopped'],
    runPlan: runHuaweiPlan,
    sdkResponses: huaweiResponseCases,
    sdkFaultedCalls: huaweiFaultedCalls,
    essentialFixtures: { path: 'huaweicloud.fixtures.keypairs', count: (t) => t.huaweicloud?.fixtures.keypairs.length },
    restore: { jobs: huaweiRestoreJobs, changed: huaweiChangedResources },
    ownClientRules: ['client.project-id'],
    caseFromRequest: huaweiCaseFromRequest,
  },
  volcengine: {
    facts: API_FAMILIES.volcengine,
    checks: checksFor(API_FAMILIES.volcengine.operations),
    fixtureKinds: [
      'keyPairs',
      ...Object.keys(INSTANCE_KINDS)
        .filter((k) => k !== 'unknown')
        .map((k) => `instances.${k}`),
    ],
    runPlan: runVolcenginePlan,
    sdkResponses: volcengineResponseCases,
    sdkFaultedCalls: volcengineFaultedCalls,
    essentialFixtures: { path: 'volcengine.fixtures.keyPairs', count: (t) => t.volcengine?.fixtures.keyPairs.length },
    restore: { jobs: volcengineRestoreJobs, changed: volcengineChangedResources },
    ownClientRules: [],
    caseFromRequest: volcengineCaseFromRequest,
  },
};
