import { setTimeout as sleep } from 'node:timers/promises';
import type { Case } from '../../cases/case.ts';
import { bodyObject } from '../../transport/answer.ts';
import { ContractFailure } from '../../checks/contract-failure.ts';
import { isTerminalTaskStatus } from '../../checks/kps-task-checks.ts';
import type { EngineContext } from '../engine-context.ts';
import { executeCase } from '../execute-case.ts';

/**
 * Follows a bind's task through ListKeypairTask until it is terminal or the target file's
 * huaweicloud.taskTimeoutMs has passed, polling after taskPoll.firstMs and then doubling the wait up to
 * taskPoll.maxIntervalMs (defaults 100 ms and 20 s; Terraform's provider waits 10 s, then polls every 20 s): each poll is judged (kps.task.lookup), and the end decides
 * kps.task.terminal. Returns the terminal status, or undefined when the task did not end in time.
 */
export async function followTask(ctx: EngineContext, taskId: string, serverId: string): Promise<string | undefined> {
  const { taskTimeoutMs: timeout, taskPoll } = ctx.target.huaweicloud!;
  const started = Date.now();
  const c: Case = {
    id: `kps.task/follow/${taskId}`,
    title: 'a bind task is looked up until it is terminal',
    source: 'model',
    operation: 'kps.task',
    request: { taskId },
    expect: { kind: 'accept', rules: ['kps.task.lookup', 'kps.task.terminal'] },
  };
  let wait = taskPoll.firstMs;
  let last: unknown;
  for (;;) {
    const { exchange, failures } = await executeCase(ctx, c);
    if (failures.length > 0) return undefined;
    last = bodyObject(exchange.response)?.task_status;
    if (isTerminalTaskStatus(last)) {
      ctx.noteTaskDuration(Date.now() - started);
      ctx.tally.judged('kps.task.terminal', 'held');
      return last as string;
    }
    if (Date.now() - started + wait > timeout) {
      const failure = new ContractFailure(
        'kps.task.terminal',
        'Task not terminal in time',
        `${String(last)} after ${Date.now() - started} ms (server ${serverId})`,
        `SUCCESS_* or FAILED_* within huaweicloud.taskTimeoutMs (${timeout} ms)`,
      );
      ctx.tally.failed(failure, c, exchange, { seed: ctx.settings.seed, shrunk: false });
      return undefined;
    }
    await sleep(wait);
    wait = Math.min(wait * 2, taskPoll.maxIntervalMs);
  }
}
