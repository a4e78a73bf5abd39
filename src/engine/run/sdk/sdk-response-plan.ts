import type { Case } from '../../cases/case.ts';
import type { ScriptedAnswer } from '../../cases/client-plan.ts';
import type { EngineContext } from '../engine-context.ts';
import { recordClientJudgements } from './record-client-judgements.ts';

/** One documented answer served to the client by script. */
export interface ScriptedCase {
  readonly what: string;
  readonly c: Case;
  readonly answer: ScriptedAnswer;
}

/**
 * In SDK mode, serves the client every documented answer (success variants, per-entry failures, each
 * catalogued error code with its status, the nested KPS error body, CodeN) and judges the client rules on
 * each call: above all `client.surfaces-outcome`, that the outcome handed back keeps what the answer said.
 */
export async function runSdkResponsePlan(ctx: EngineContext, cases: readonly ScriptedCase[]): Promise<void> {
  const sdk = ctx.sdk!;
  for (const s of cases) {
    if (!sdk.canSend(s.c)) continue;
    const c = { ...s.c, clientPlan: { kind: 'script' as const, answer: s.answer } };
    recordClientJudgements(ctx, c, await sdk.sendPlanned(c), { seed: ctx.settings.seed, shrunk: false });
  }
}
