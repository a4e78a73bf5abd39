import type { MockRequest, MockResponse } from '../http/mock-exchange.ts';
import type { MockContext } from '../mock-context.ts';
import { taskStatus } from '../state/task-status.ts';
import { kpsError, kpsSuccess } from './kps-response.ts';

/** DisassociateKeypair (public KPS reference): starts an UNBIND task; it fails if nothing is bound. */
export function disassociateKeypair(ctx: MockContext, req: MockRequest): MockResponse {
  let body: unknown;
  try {
    body = JSON.parse(req.body.toString('utf8'));
  } catch {
    return kpsError(ctx, 'kps.other', 400, 'KPS.0002', 'parameter error: the body is not JSON');
  }
  const validate = ctx.validators.forSchema('huaweicloud-kps', 'DisassociateKeypairRequestBody');
  if (!validate(body)) {
    const first = validate.errors?.[0];
    return kpsError(ctx, 'kps.other', 400, 'KPS.0002', `parameter error: ${first?.instancePath || 'body'} ${first?.message}`);
  }
  const serverId = (body as { server: { id: string } }).server.id;
  const server = ctx.huawei.servers.get(serverId);
  if (!server) return kpsError(ctx, 'kps.other', 400, 'KPS.0002', `parameter error: server ${serverId} does not exist`);
  const task = ctx.huawei.startTask(serverId, 'UNBIND', ctx.now(), undefined, server.keypair === undefined ? 'FAILED' : 'SUCCESS');
  return kpsSuccess(ctx, 'kps.other', { task_id: task.id });
}

/** ListKeypairTask (public KPS reference): a task's current status; an unknown id is KPS.0001. */
export function listKeypairTask(ctx: MockContext, taskId: string): MockResponse {
  const task = ctx.huawei.getTask(taskId);
  if (!task) return kpsError(ctx, 'kps.other', 400, 'KPS.0001', 'taskId is illegal');
  const naming = { replaceTaskEnd: ctx.readings.replaceTaskEnd, taskNames: ctx.readings.taskNames, neverTerminal: ctx.broken('kps.task.terminal') };
  const status = ctx.broken('kps.task.lookup') ? 'DONE' : taskStatus(task, ctx.now(), naming);
  return kpsSuccess(ctx, 'kps.other', { server_id: task.serverId, task_id: task.id, task_status: status }, 200);
}
