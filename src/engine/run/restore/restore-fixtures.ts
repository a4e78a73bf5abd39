import { setTimeout as sleep } from 'node:timers/promises';
import type { components as Ecs } from '../../../../generated/volcengine-ecs.ts';
import type { Case } from '../../cases/case.ts';
import { bodyObject } from '../../transport/answer.ts';
import { isTerminalTaskStatus } from '../../checks/kps-task-checks.ts';
import type { EngineContext } from '../engine-context.ts';
import { executeCase } from '../execute-case.ts';
import type { ChangeLedger } from './change-ledger.ts';

/** What the restore did for one resource the run changed. */
export interface RestoreOutcome {
  readonly resource: string;
  readonly restored: boolean;
  readonly detail: string;
}

const CONCURRENCY = 8;

/**
 * Puts back what the run changed: a server that was unbound is unbound again (DisassociateKeypair), a
 * server or instance whose original key pair the target file names gets it again; anything else is
 * reported as not restored, with what the target file lacks. Restore requests do not count against
 * the budget (they are the safety net), and they are never judged.
 */
export async function restoreFixtures(ctx: EngineContext, ledger: ChangeLedger): Promise<RestoreOutcome[]> {
  ctx.transport.lift();
  const jobs: (() => Promise<RestoreOutcome>)[] = [];
  for (const [server, tasks] of ledger.servers) jobs.push(() => restoreServer(ctx, server, tasks));
  for (const instance of ledger.instances) jobs.push(() => restoreInstance(ctx, instance));
  const outcomes: RestoreOutcome[] = [];
  for (let i = 0; i < jobs.length; i += CONCURRENCY) outcomes.push(...(await Promise.all(jobs.slice(i, i + CONCURRENCY).map((job) => job()))));
  return outcomes;
}

/** When the target stopped answering, nothing can be put back: every change is reported as not restored. */
export function notRestored(ledger: ChangeLedger): RestoreOutcome[] {
  const detail = 'the target stopped answering, so it could not be restored';
  return [...[...ledger.servers.keys()].map(serverResource), ...[...ledger.instances].map(instanceResource)].map((resource) => ({
    resource,
    restored: false,
    detail,
  }));
}

const serverResource = (server: string) => `huaweicloud server ${server}`;
const instanceResource = (instance: string) => `volcengine instance ${instance}`;

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

async function restoreInstance(ctx: EngineContext, instance: string): Promise<RestoreOutcome> {
  const volc = ctx.target.volcengine!;
  const resource = instanceResource(instance);
  const original = volc.fixtures.originalKeyPairs[instance];
  if (original === undefined) {
    return { resource, restored: false, detail: 'AttachKeyPair cannot remove a key pair, and volcengine.fixtures.originalKeyPairs names none to re-attach' };
  }
  const c: Case = {
    id: 'restore/reattach',
    title: "the run re-attaches an instance's original key pair",
    source: 'model',
    operation: 'ecs.attach-key-pair',
    request: { logical: { InstanceIds: [instance], KeyPairName: original } },
    expect: { kind: 'any', rules: [] },
  };
  const { exchange } = await executeCase(ctx, c, false);
  const detail = bodyObject<Ecs['schemas']['AttachKeyPairSuccess']>(exchange.response)?.Result?.OperationDetails?.[0];
  const ok = exchange.response?.status === 200 && detail?.Error === null;
  return {
    resource,
    restored: ok,
    detail: ok ? `re-attached ${original}` : `${exchange.response?.status ?? exchange.error} ${exchange.response?.text.slice(0, 200) ?? ''}`,
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
