import type { MockRequest, MockResponse } from '../http/mock-exchange.ts';
import type { MockContext } from '../mock-context.ts';
import { kpsError, kpsSuccess } from './kps-response.ts';
import { readKpsBody } from './read-kps-body.ts';
import { otherServerId, portInRange } from './server-checks.ts';

const OP = 'kps.associate';

/**
 * AssociateKeypair (seeds 000, 003): validate, find the key pair and the server, start a RESET task (no
 * auth) or a REPLACE task (auth given) and answer with its id. An unknown server gets a FAILED body
 * (kps.associate.unknown-server allows a 4xx or FAILED; FAILED lets failed-has-error be checked).
 */
export function associateKeypair(ctx: MockContext, req: MockRequest): MockResponse {
  const read = readKpsBody(ctx, OP, 'AssociateKeypairRequestBody', req);
  if (read.ok === false) return read.response;
  if (read.ok === 'not-an-object') return kpsSuccess(ctx, OP, { task_id: ctx.huawei.startTask('none', 'RESET', ctx.now()).id });
  const body = read.body;
  const server: Record<string, any> | undefined = typeof body.server === 'object' && body.server !== null ? body.server : undefined;
  if (!portInRange(ctx, server)) return kpsError(ctx, OP, 400, 'KPS.0002', 'parameter error: port must be 1-65535');
  const keypair = body.keypair_name;
  if (typeof keypair === 'string' && !ctx.huawei.keypairs.has(keypair) && !ctx.broken('kps.associate.unknown-keypair')) {
    const status = ctx.broken('kps.associate.status-documented') ? 409 : 400;
    return kpsError(ctx, OP, status, 'KPS.4016', 'The key pair is not exist');
  }
  const serverId = typeof server?.id === 'string' ? server.id : '';
  const known = ctx.huawei.servers.get(serverId);
  const reset = server?.auth === undefined;
  const failResetOnPurpose = ctx.broken('kps.associate.replace-or-reset') && reset && known?.state === 'running';
  if ((!known && !ctx.broken('kps.associate.unknown-server')) || failResetOnPurpose) {
    const failed: Record<string, unknown> = { server_id: serverId, status: 'FAILED' };
    if (!ctx.broken('kps.associate.failed-has-error')) {
      failed.error_code = 'KPS.0002';
      failed.error_msg = known ? 'parameter error: the key pair cannot be reset' : `parameter error: server ${serverId} does not exist`;
    }
    return kpsSuccess(ctx, OP, failed);
  }
  // After every check: only a request that would succeed gets the 400 or the 500, so no other rule is touched.
  if (ctx.broken('kps.associate.accepts-valid') && server?.port !== undefined) {
    return kpsError(ctx, OP, 400, 'KPS.0002', 'parameter error: port');
  }
  if (ctx.broken('kps.associate.no-server-error') && server?.disable_password === true) {
    return kpsError(ctx, OP, 500, 'KPS.0003', 'Dependency service unavailable');
  }
  const task = ctx.huawei.startTask(serverId, reset ? 'RESET' : 'REPLACE', ctx.now(), keypair);
  const answer: Record<string, unknown> = {
    task_id: ctx.broken('kps.associate.task-id') ? '' : task.id,
    server_id: ctx.broken('kps.associate.server-id-echo') ? otherServerId(ctx, serverId) : serverId,
    status: ctx.broken('kps.associate.status-enum') ? 'OK' : 'SUCCESS',
  };
  if (ctx.broken('kps.associate.response-schema')) answer.error_code = 0;
  return kpsSuccess(ctx, OP, answer);
}
