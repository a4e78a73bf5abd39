import { componentSchema } from '../../spec/component-schema.ts';
import { documentedEnum } from '../../spec/schema-extensions.ts';
import type { Check, Ownership } from './check.ts';
import { defineCheck } from './check.ts';
import { describeAnswer } from '../transport/answer.ts';
import { readAnswer } from './read-answer.ts';

const statusSchema = componentSchema('huaweicloud-kps', 'TaskStatus') as { enum: string[] };
const DOCUMENTED = new Set(documentedEnum('huaweicloud-kps', 'TaskStatus'));
const ACCEPTED = new Set(statusSchema.enum);

/**
 * Which documented variant a task status belongs to (conflict kps.task.lookup in the spec): the page's
 * enum, SUCCESS_REPLACE / FAILED_REPLACE (a replace must end somewhere), or Terraform's `_BIND` names.
 */
function variantOf(status: string): string {
  if (DOCUMENTED.has(status)) return 'documented-enum';
  return status.endsWith('_BIND') ? 'terraform-bind' : 'replace-terminal';
}

/** ListKeypairTask: a task id from a bind can be looked up, and its status is a documented one. */
export const KPS_TASK_CHECKS: Check[] = [
  defineCheck('kps.task.lookup', ['kps.task'], (c, x, _ctx, fail) => {
    if (!x.response) return 'not-applicable';
    const { status, body } = readAnswer(c, x);
    if (status !== 200 || typeof body?.task_status !== 'string')
      return fail('Task cannot be looked up', describeAnswer(x), '200 {server_id, task_id, task_status}');
    if (!ACCEPTED.has(body.task_status)) return fail('Undocumented task_status', body.task_status, [...ACCEPTED].join(', '));
    return { variant: variantOf(body.task_status) };
  }),
];

/** A terminal task status: SUCCESS_* or FAILED_*. */
export const isTerminalTaskStatus = (status: unknown) => typeof status === 'string' && /^(SUCCESS|FAILED)_/.test(status);

/** kps.task.terminal, judged over the followed task, owns a lookup's task_status (where the task ended). */
export const TASK_TERMINAL_OWNS: Ownership = { places: (p) => p.path[0] === 'body' && p.path[1] === 'task_status' };
