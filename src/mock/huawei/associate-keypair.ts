import type { MockRequest, MockResponse } from '../http/mock-exchange.ts';
import type { MockContext } from '../mock-context.ts';
import { worded } from '../message-wording.ts';
import { kpsError, kpsSuccess } from './kps-response.ts';
import { readKpsBody } from './read-kps-body.ts';
import { otherServerId, portInRange } from './server-checks.ts';
import { unknownKeypair } from './unknown-keypair.ts';

const OP = 'kps.associate';

/**
 * AssociateKeypair (seeds 000, 003): validate, find the key pair and the server, start a RESET task (no
 * auth) or a REPLACE task (auth given) and answer with its id. An unknown server gets a FAILED body or a
 * 400, as `unknownServer` says (kps.associate.unknown-server allows both). A server whose earlier bind has
 * not ended is taken as a bound one: AssociateKeypair may bind a bound server again (RULES.md, State), and
 * the documents give it no precondition a bind in flight would break, so it is accepted; its task makes
 * the server busy for a batch like any bind (batch-associate-keypair.ts).
 */
export function associateKeypair(ctx: MockContext, req: MockRequest): MockResponse {
  const read = readKpsBody(ctx, OP, 'AssociateKeypairRequestBody', req);
  if (read.ok === false) return read.response;
  if (read.ok === 'not-an-object') return kpsSuccess(ctx, OP, { task_id: ctx.huawei.startTask('none', 'RESET', ctx.now()).id });
  const body = read.body;
  const server = typeof body.server === 'object' && body.server !== null ? (body.server as Record<string, unknown>) : undefined;
  if (!portInRange(ctx, server)) return kpsError(ctx, OP, 400, 'KPS.0002', 'parameter error: port must be 1-65535');
  const keypair = body.keypair_name;
  if (typeof keypair === 'string' && !ctx.huawei.keypairs.has(keypair) && !ctx.broken('kps.associate.unknown-keypair')) return unknownKeypair(ctx, OP);
  const serverId = typeof server?.id === 'string' ? server.id : '';
  const known = ctx.huawei.servers.get(serverId);
  const reset = server?.auth === undefined;
  if (!known && !ctx.broken('kps.associate.unknown-server')) return unknownServer(ctx, serverId);
  if (ctx.broken('kps.associate.replace-or-reset') && reset && known?.state === 'running') {
    return failedBody(ctx, serverId, 'parameter error: the key pair cannot be reset');
  }
  // After every check: only a request that would succeed gets the 400 or the 500, so no other rule is touched.
  if (ctx.broken('kps.associate.accepts-valid') && server?.port !== undefined) {
    return kpsError(ctx, OP, 400, 'KPS.0002', 'parameter error: port');
  }
  if (ctx.broken('kps.associate.no-server-error') && server?.disable_password === true) {
    return kpsError(ctx, OP, 500, 'KPS.0003', 'Dependency service unavailable');
  }
  // A string unless a faulted rule let another type through, which the task keeps as it was sent.
  const task = ctx.huawei.startTask(serverId, reset ? 'RESET' : 'REPLACE', ctx.now(), keypair as string | undefined);
  return kpsSuccess(ctx, OP, successBody(ctx, task.id, serverId));
}

/** An unknown server: 400, or a 2xx FAILED body (always under failed-has-error's fault, which needs one). */
function unknownServer(ctx: MockContext, serverId: string): MockResponse {
  const message = `parameter error: server ${serverId} does not exist`;
  if (ctx.readings.unknownServer === 'rejected' && !ctx.broken('kps.associate.failed-has-error')) return kpsError(ctx, OP, 400, 'KPS.0002', message);
  return failedBody(ctx, serverId, message);
}

function failedBody(ctx: MockContext, serverId: string, message: string): MockResponse {
  const failed: Record<string, unknown> = { server_id: serverId, status: 'FAILED' };
  if (!ctx.broken('kps.associate.failed-has-error')) Object.assign(failed, { error_code: 'KPS.0002', error_msg: worded(ctx, 'KPS.0002', message) });
  return kpsSuccess(ctx, OP, failed);
}

/**
 * The success body: task_id, server_id and status, or task_id alone (`associateSuccessBody`). A fault on
 * server_id or status puts that member back, so that it can be wrong.
 */
function successBody(ctx: MockContext, taskId: string, serverId: string): Record<string, unknown> {
  const full = ctx.readings.associateSuccessBody === 'full';
  const answer: Record<string, unknown> = { task_id: ctx.broken('kps.associate.task-id') ? '' : taskId };
  if (full || ctx.broken('kps.associate.server-id-echo')) {
    answer.server_id = ctx.broken('kps.associate.server-id-echo') ? otherServerId(ctx, serverId) : serverId;
  }
  if (full || ctx.broken('kps.associate.status-enum')) answer.status = ctx.broken('kps.associate.status-enum') ? 'OK' : 'SUCCESS';
  if (ctx.broken('kps.associate.response-schema')) answer.error_code = 0;
  return answer;
}
