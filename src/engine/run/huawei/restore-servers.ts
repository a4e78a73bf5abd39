import { setTimeout as sleep } from 'node:timers/promises';
import type { Case } from '../../cases/case.ts';
import { isTerminalTaskStatus } from '../../checks/kps-task-checks.ts';
import { bodyObject } from '../../transport/answer.ts';
import type { EngineContext } from '../engine-context.ts';
import { executeCase } from '../execute-case.ts';
import type { ChangeLedger } from '../restore/change-ledger.ts';
import type { RestoreJob, RestoreOutcome } from '../restore/restore-fixtures.ts';

// Huawei KPS's part of the restore (restore/restore-fixtures.ts runs the jobs): a server the run bound
// is unbound again (DisassociateKeypair) or re-bound to its original key pair, each followed to its end.

const serverResource = (server: string) => `huaweicloud server ${server}`;

/** A job per server the run changed. */
export const huaweiRestoreJobs = (ctx: EngineContext, ledger: ChangeLedger): RestoreJob[] =>
  [...ledger.servers].map(
    ([server, tasks]) =>
      () =>
        restoreServer(ctx, server, tasks),
  );

/** The servers the run changed, as the report names them. */
export const huaweiChangedResources = (ledger: ChangeLedger): string[] => [...ledger.servers.keys()].map(serverResource);

async function restoreServer(ctx: EngineContext, server: string, tasks: string[]): Promise<RestoreOutcome> {
  const hw = ctx.target.huaweicloud!;
  const resource = serverResource(server);
  for (const task of tasks) await waitForTask(ctx, task);
  // A bind accepted without a task id to follow: wait until it would have ended, so the undo comes after.
  if (tasks.length === 0) await sleep(ctx.effectLagMs());
  const wasUnbound = hw.fixtures.servers.running.includes(server);
  const original = hw.fixtures.originalKeypairs[server];
  if (!wasUnbound && original === undefined) {
    return { resource, restored: false, detail: 'its original key pair is unknown: add it to huaweicloud.fixtures.originalKeypairs' };
  }
  const c: Case = wasUnbound
    ? disassociateCase(server)
    : {
        id: 'restore/rebind',
        title: "the run re-binds a server's original key pair",
        source: 'model',
        operation: 'kps.associate',
        request: { body: { keypair_name: original, server: { id: server } } },
        expect: { kind: 'any', rules: [] },
      };
  const { exchange } = await executeCase(ctx, c, false);
  const taskId = bodyObject(exchange.response)?.task_id;
  if (typeof taskId !== 'string' || !taskId)
    return { resource, restored: false, detail: `${c.title}: ${exchange.response?.status ?? exchange.error} ${exchange.response?.text.slice(0, 200) ?? ''}` };
  const status = await waitForTask(ctx, taskId);
  const ok = status?.startsWith('SUCCESS_') ?? false;
  return {
    resource,
    restored: ok,
    detail: ok ? (wasUnbound ? 'unbound again' : `re-bound to ${original}`) : `task ${taskId} ended ${status ?? 'not in time'}`,
  };
}

/** DisassociateKeypair of a server the run bound: the way back to running and unbound. */
export function disassociateCase(server: string): Case {
  return {
    id: 'restore/disassociate',
    title: 'the run unbinds a server it bound',
    source: 'model',
    operation: 'kps.disassociate',
    request: { body: { server: { id: server } } },
    expect: { kind: 'any', rules: [] },
  };
}

/** Polls a task until it is terminal, without judging: the restore is not part of the verdicts. */
export async function waitForTask(ctx: EngineContext, taskId: string): Promise<string | undefined> {
  const { taskTimeoutMs, taskPoll } = ctx.target.huaweicloud!;
  const started = Date.now();
  let wait = taskPoll.firstMs;
  for (;;) {
    const { exchange } = await executeCase(
      ctx,
      {
        id: 'restore/task',
        title: 'the run waits for its task',
        source: 'model',
        operation: 'kps.task',
        request: { taskId },
        expect: { kind: 'any', rules: [] },
      },
      false,
    );
    const status = bodyObject(exchange.response)?.task_status;
    if (isTerminalTaskStatus(status)) {
      ctx.noteTaskDuration(Date.now() - started);
      return status as string;
    }
    if (!exchange.response || exchange.response.status >= 400 || Date.now() - started + wait > taskTimeoutMs) return undefined;
    await sleep(wait);
    wait = Math.min(wait * 2, taskPoll.maxIntervalMs);
  }
}
