import type { Case } from '../../cases/case.ts';
import type { ScriptedAnswer, WireFault } from '../../cases/client-plan.ts';
import type { EngineContext } from '../engine-context.ts';

import { recordClientJudgements } from './record-client-judgements.ts';

/** Held answers end in a reset after this long, if the client has not given up first. */
const HOLD_MS = 2000;

/**
 * The fault schedules every client under test meets (`client.retry-safe`): each call's first attempts get
 * a 429, a 5xx, a reset or a held answer, later ones a documented success; nothing reaches the target.
 * A client may retry or give up; what it must not do is resend unsafely, or hand back a success it never
 * got. The schedules are fixed, so every run decides the rule the same way.
 */
const SCHEDULES: readonly (readonly WireFault[])[] = [
  [{ kind: 'status', status: 500 }],
  [
    { kind: 'status', status: 503 },
    { kind: 'status', status: 502 },
  ],
  [{ kind: 'reset' }],
  [{ kind: 'timeout', holdMs: HOLD_MS }],
  [{ kind: 'status', status: 429 }],
];

/** A call the fault schedules are played on, and the documented success that ends each. */
export interface FaultedCall {
  readonly c: Case;
  readonly then: ScriptedAnswer;
}

export async function runSdkFaultPlan(ctx: EngineContext, calls: readonly FaultedCall[]): Promise<void> {
  const sdk = ctx.sdk!;
  for (const { c, then } of calls) {
    if (!sdk.canSend(c)) continue;
    for (const faults of SCHEDULES) {
      const named = {
        ...c,
        id: `${c.id}/${faults.map((f) => (f.kind === 'status' ? f.status : f.kind)).join('-')}`,
        clientPlan: { kind: 'faults' as const, faults, then },
      };
      recordClientJudgements(ctx, named, await sdk.sendPlanned(named), { seed: ctx.settings.seed, shrunk: false });
    }
  }
}
