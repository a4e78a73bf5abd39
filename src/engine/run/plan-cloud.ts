import type { Case } from '../cases/case.ts';
import type { ResolvedTarget } from '../target/resolved-target.ts';
import type { SentRequest } from '../transport/exchange.ts';
import { EngineContext, type RunSettings } from './engine-context.ts';
import { ENGINE_FAMILIES } from './cloud-registry.ts';
import type { Cloud } from '../../families/api-families.ts';

/** One kind of case a run would send: how many, and the first request of that kind. */
export interface PlannedCase {
  readonly id: string;
  readonly title: string;
  readonly operation: string;
  readonly count: number;
  readonly first: SentRequest;
  /** True when the request changes state on the target if it is accepted (a bind). */
  readonly mutating: boolean;
}

/**
 * What a run of one cloud would send, without sending anything: the plan runs with a transport that
 * only builds requests. Sequences that depend on answers (task follow-ups, replays) show only their
 * first step, since no answer comes.
 */
export async function planCloud(cloud: Cloud, target: ResolvedTarget, settings: RunSettings): Promise<PlannedCase[]> {
  if (!target[cloud]) return [];
  const ctx = new EngineContext(target, settings, undefined, true);
  const planned = new Map<string, { c: Case; count: number; first: SentRequest }>();
  ctx.onExchange((c, x) => {
    if (x.notSent) return; // safety.allowMutations false: a request the run would not send
    const entry = planned.get(c.id);
    if (entry) entry.count++;
    else planned.set(c.id, { c, count: 1, first: x.request });
  });
  await ENGINE_FAMILIES[cloud].runPlan(ctx);
  return [...planned.values()].map(({ c, count, first }) => ({
    id: c.id,
    title: c.title,
    operation: c.operation,
    count,
    first,
    mutating: c.operation !== 'kps.task',
  }));
}
