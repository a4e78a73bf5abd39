import type { Readings } from '../readings.ts';
import type { KpsTask } from './huawei-state.ts';

/** How task statuses are spelt: the readings that choose the terminal names, and the never-ends fault. */
export interface TaskNaming {
  readonly replaceTaskEnd: Readings['replaceTaskEnd'];
  readonly taskNames: Readings['taskNames'];
  readonly neverTerminal?: boolean;
}

/**
 * The task_status a task shows at `now`: READY_ then RUNNING_ (from half its time) with the task's own
 * kind, then SUCCESS_/FAILED_ with the name the readings choose. A replace ends in the page's _RESET
 * names (its enum has no SUCCESS_REPLACE) or in _REPLACE; with terraform-bind every bind ends in _BIND.
 */
export function taskStatus(task: KpsTask, now: number, naming: TaskNaming): string {
  if (now >= task.doneAt && !naming.neverTerminal) return `${task.outcome}_${terminalKind(task, naming)}`;
  if (now >= task.createdAt + (task.doneAt - task.createdAt) / 2) return `RUNNING_${task.kind}`;
  return `READY_${task.kind}`;
}

function terminalKind(task: KpsTask, naming: TaskNaming): string {
  if (task.kind === 'UNBIND') return 'UNBIND';
  if (naming.taskNames === 'terraform-bind') return 'BIND';
  return task.kind === 'REPLACE' ? naming.replaceTaskEnd : 'RESET';
}
