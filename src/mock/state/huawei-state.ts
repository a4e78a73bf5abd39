import { randomUUID } from 'node:crypto';
import type { MockFixtures } from '../fixtures/mock-fixtures.ts';
import { DueQueue } from './due-queue.ts';

export type TaskKind = 'RESET' | 'REPLACE' | 'UNBIND';

/** Tasks remembered for ListKeypairTask; older ones answer KPS.0001 like an unknown id. */
const MAX_TASKS = 100_000;

/** A KPS task: READY_ → RUNNING_ (from half its time) → SUCCESS_/FAILED_ (at doneAt). */
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
  /** Tasks whose effect is not applied yet, earliest end first (tasks may take different times). */
  private readonly pending = new DueQueue<KpsTask>();
  /**
   * Per server, when its last bind (RESET/REPLACE) task ends: while that is ahead, KPS is still binding
   * it, so a batch must not start another bind of it (`bindInFlight`). Kept only while a bind is pending.
   */
  private readonly bindEnds = new Map<string, number>();

  /** `taskDelay` gives each new task its length in milliseconds. */
  constructor(
    fixtures: MockFixtures,
    private readonly taskDelay: () => number,
  ) {
    this.keypairs = new Set(fixtures.huaweiKeypairs);
    for (const s of fixtures.huaweiServers) this.servers.set(s.id, { id: s.id, state: s.state, keypair: s.keypair });
  }

  /** Applies the effects of every task that is terminal at `now`. */
  settle(now: number): void {
    for (let task = this.pending.popDue(now); task; task = this.pending.popDue(now)) {
      const server = this.servers.get(task.serverId);
      if (server && task.outcome === 'SUCCESS') server.keypair = task.kind === 'UNBIND' ? undefined : task.keypair;
      // The server's last bind has ended: it is no longer busy (so the map holds only pending binds).
      if (task.kind !== 'UNBIND' && (this.bindEnds.get(task.serverId) ?? Infinity) <= task.doneAt) this.bindEnds.delete(task.serverId);
    }
  }

  /** True while a bind task of this server has not reached its terminal status at `now`. */
  bindInFlight(serverId: string, now: number): boolean {
    return (this.bindEnds.get(serverId) ?? -Infinity) > now;
  }

  startTask(serverId: string, kind: TaskKind, now: number, keypair?: string, outcome: 'SUCCESS' | 'FAILED' = 'SUCCESS'): KpsTask {
    const task: KpsTask = { id: randomUUID(), serverId, kind, keypair, createdAt: now, doneAt: now + this.taskDelay(), outcome };
    this.tasks.set(task.id, task);
    this.taskOrder.push(task.id);
    // Task lookups are kept for the last MAX_TASKS tasks, so a long-running mock's memory stays bounded.
    if (this.tasks.size > MAX_TASKS) this.tasks.delete(this.taskOrder[this.oldest++]!);
    if (this.oldest > MAX_TASKS) {
      this.taskOrder.splice(0, this.oldest);
      this.oldest = 0;
    }
    this.pending.push(task);
    if (kind !== 'UNBIND') this.bindEnds.set(serverId, Math.max(task.doneAt, this.bindEnds.get(serverId) ?? -Infinity));
    return task;
  }

  getTask(id: string): KpsTask | undefined {
    return this.tasks.get(id);
  }
}
