import { setTimeout as sleep } from 'node:timers/promises';
import { bodyObject } from '../../transport/answer.ts';
import type { EngineContext } from '../engine-context.ts';
import { executeCase } from '../execute-case.ts';
import { disassociateCase, waitForTask } from './restore-servers.ts';
import type { ReturnServer } from './server-pool.ts';

/**
 * How a lease gives a fresh server back mid-run: its bind tasks are followed to their end; if one may
 * have bound it, DisassociateKeypair is sent and followed to its end. A server that ends unbound leaves
 * the ledger (nothing is left to restore); one that does not is kept for the final restore's report.
 * These requests count against safety.maxRequests: they are part of the plan, not the safety net.
 */
export function serverReturner(ctx: EngineContext): ReturnServer {
  return async (server, effect) => {
    const ends = await Promise.all(effect.tasks.map((task) => waitForTask(ctx, task)));
    const bound = ends.some((end) => end?.startsWith('SUCCESS_'));
    const unknown = effect.maybe || ends.some((end) => end === undefined);
    if (!bound && !unknown) {
      ctx.ledger.forget(server);
      return true;
    }
    // A bind with no task id to follow: wait until it would have ended, so the unbind comes after it.
    if (effect.maybe) await sleep(ctx.effectLagMs());
    const { exchange } = await executeCase(ctx, disassociateCase(server), false);
    const taskId = bodyObject(exchange.response)?.task_id;
    if (typeof taskId !== 'string' || taskId === '') return false;
    const end = await waitForTask(ctx, taskId);
    // An unbind that fails is fine only when no bind is known to have succeeded: nothing was bound.
    const unbound = end?.startsWith('SUCCESS_') || (end?.startsWith('FAILED_') && !bound);
    if (unbound) ctx.ledger.forget(server);
    return !!unbound;
  };
}
