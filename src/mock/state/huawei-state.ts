import { randomUUID } from 'node:crypto';
import type { MockFixtures } from '../fixtures/mock-fixtures.ts';

export type TaskKind = 'RESET' | 'REPLACE' | 'UNBIND';

/** Tasks remembered for ListKeypairTask; older ones answer KPS.0001 like an unknown id. */
const MAX_TASKS = 100_000;

/** A KPS task: READY_ → RUNNING_ (from half the delay) → SUCCESS_/FAILED_ (after the delay). */
export interface KpsTask {
  readonly id: string;
  readonly serverId: string;
  readonly kind: TaskKind;
  readonly keypair?: string;
  readonly createdAt: number;
  readonly doneAt: number;
  readonly outcome: 'SUCCESS' | 'FAILED';
}

export interface HuaweiServer {
  readonly id: string;
  readonly state: 'running' | 'stopped';
  keypair: string | undefined;
}

/**
 * Huawei KPS state: key pairs, servers and their bindings, and tasks. A task's effect (bound, unbound)
 * applies when it turns terminal; `settle(now)` applies every effect that is due, so no timers run.
 */
export class HuaweiState {
  readonly keypairs: ReadonlySet<string>;
  readonly servers = new Map<string, HuaweiServer>();
  private readonly tasks = new Map<string, KpsTask>();
  /** Task ids in creation order, for evicting the oldest in O(1) (Map.keys() on a churned map is not). */
  private readonly taskOrder: string[] = [];
  private oldest = 0;
  /** Tasks whose effect is not applied yet, in the order they turn terminal (one delay for all). */
  private pending: KpsTask[] = [];
  /** Index of the first pending task not applied yet: the queue is compacted only now and then. */
  private head = 0;

  constructor(fixtures: MockFixtures, private readonly taskDelayMs: number) {
    this.keypairs = new Set(fixtures.huaweiKeypairs);
    for (const s of fixtures.huaweiServers) this.servers.set(s.id, { id: s.id, state: s.state, keypair: s.keypair });
  }

  /** Applies the effects of every task that is terminal at `now`. */
  settle(now: number): void {
    while (this.head < this.pending.length && this.pending[this.head]!.doneAt <= now) {
      const task = this.pending[this.head++]!;
      const server = this.servers.get(task.serverId);
      if (server && task.outcome === 'SUCCESS') server.keypair = task.kind === 'UNBIND' ? undefined : task.keypair;
    }
    // Compact rarely, so settling stays O(1) per request however many tasks are in flight.
    if (this.head > 1024 && this.head * 2 > this.pending.length) {
      this.pending = this.pending.slice(this.head);
      this.head = 0;
    }
  }

  startTask(serverId: string, kind: TaskKind, now: number, keypair?: string, outcome: 'SUCCESS' | 'FAILED' = 'SUCCESS'): KpsTask {
    const task: KpsTask = { id: randomUUID(), serverId, kind, keypair, createdAt: now, doneAt: now + this.taskDelayMs, outcome };
    this.tasks.set(task.id, task);
    this.taskOrder.push(task.id);
    // Task lookups are kept for the last MAX_TASKS tasks, so a long-running mock's memory stays bounded.
    if (this.tasks.size > MAX_TASKS) this.tasks.delete(this.taskOrder[this.oldest++]!);
    if (this.oldest > MAX_TASKS) {
      this.taskOrder.splice(0, this.oldest);
      this.oldest = 0;
    }
    this.pending.push(task);
    return task;
  }

  getTask(id: string): KpsTask | undefined {
    return this.tasks.get(id);
  }
}

/**
 * The task_status a task shows at `now`. The page's enum prints FAILED_RESET and SUCCESS_RESET for the
 * outcome of a replace too (list-task-page), so a replace ends in the _RESET names, as documented.
 */
export function taskStatus(task: KpsTask, now: number, neverTerminal = false): string {
  const outcomeKind = task.kind === 'REPLACE' ? 'RESET' : task.kind;
  if (now >= task.doneAt && !neverTerminal) return `${task.outcome}_${outcomeKind}`;
  if (now >= task.createdAt + (task.doneAt - task.createdAt) / 2) return `RUNNING_${task.kind}`;
  return `READY_${task.kind}`;
}
