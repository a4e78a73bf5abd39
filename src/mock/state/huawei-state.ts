import { randomUUID } from 'node:crypto';
import type { MockFixtures } from '../fixtures/mock-fixtures.ts';

export type TaskKind = 'RESET' | 'REPLACE' | 'UNBIND';

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
  /** Tasks whose effect is not applied yet, in the order they turn terminal (one delay for all). */
  private pending: KpsTask[] = [];

  constructor(fixtures: MockFixtures, private readonly taskDelayMs: number) {
    this.keypairs = new Set(fixtures.huaweiKeypairs);
    for (const s of fixtures.huaweiServers) this.servers.set(s.id, { id: s.id, state: s.state, keypair: s.keypair });
  }

  /** Applies the effects of every task that is terminal at `now`. */
  settle(now: number): void {
    let applied = 0;
    for (const task of this.pending) {
      if (task.doneAt > now) break;
      applied++;
      const server = this.servers.get(task.serverId);
      if (!server || task.outcome !== 'SUCCESS') continue;
      server.keypair = task.kind === 'UNBIND' ? undefined : task.keypair;
    }
    if (applied > 0) this.pending = this.pending.slice(applied);
  }

  startTask(serverId: string, kind: TaskKind, now: number, keypair?: string, outcome: 'SUCCESS' | 'FAILED' = 'SUCCESS'): KpsTask {
    const task: KpsTask = { id: randomUUID(), serverId, kind, keypair, createdAt: now, doneAt: now + this.taskDelayMs, outcome };
    this.tasks.set(task.id, task);
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
