import type { MockRequest, MockResponse } from '../http/mock-exchange.ts';
import type { MockContext } from '../mock-context.ts';
import { worded } from '../message-wording.ts';
import { pickBroken } from '../pick-broken.ts';
import { kpsError, kpsSuccess } from './kps-response.ts';
import { readKpsBody } from './read-kps-body.ts';
import { portInRange } from './server-checks.ts';
import { unknownKeypair } from './unknown-keypair.ts';

const OP = 'kps.batch-associate';

/** Why an entry fails: it breaks the entry rules, or its server is unknown, stopped, bound or being bound. */
type EntryFailure = { readonly kind: 'invalid' | 'precondition'; readonly message: string };
type Outcome = { serverId: string; failure?: EntryFailure; auth: boolean; keypair: string };

/** Faults that act on FAILED tasks: they keep FAILED tasks even when the reading rejects the batch. */
const FAILED_TASK_FAULTS = ['kps.batch-associate.status-enum', 'kps.batch-associate.failed-has-error', 'kps.batch-associate.partial-independence'] as const;

/**
 * BatchAssociateKeypair (seed 001): at most 10 entries, one key pair, each server Running and not bound
 * (nor being bound: a server whose bind task has not ended gets a FAILED task, not a second bind).
 * The request is validated whole; then each entry gets its own task, SUCCESS or FAILED, in request order,
 * or, as `batchPreconditionFailure` may say, a server that fails a precondition refuses the whole batch.
 */
export function batchAssociateKeypair(ctx: MockContext, req: MockRequest): MockResponse {
  const read = readKpsBody(ctx, OP, 'BatchAssociateKeypairRequestBody', req);
  if (read.ok === false) return read.response;
  if (read.ok === 'not-an-object') return kpsSuccess(ctx, OP, { tasks: [] });
  const entries: unknown[] = Array.isArray(read.body.batch_keypairs) ? read.body.batch_keypairs : [];
  // An absent batch_keypairs got here only through the batch-required fault: it is not "empty".
  if (Array.isArray(read.body.batch_keypairs) && entries.length === 0 && !ctx.broken('kps.batch-associate.non-empty')) {
    return kpsError(ctx, OP, 400, 'KPS.0002', 'parameter error: batch_keypairs is empty');
  }
  const servers = entries.map((e) => asObject(asObject(e)?.server));
  if (!servers.every((s) => portInRange(ctx, s))) return kpsError(ctx, OP, 400, 'KPS.0002', 'parameter error: port must be 1-65535');
  for (const entry of entries) {
    const name = asObject(entry)?.keypair_name;
    if (typeof name === 'string' && !ctx.huawei.keypairs.has(name)) return unknownKeypair(ctx, OP);
  }
  if (ctx.broken('kps.batch-associate.no-server-error') && servers.some((s) => s?.disable_password === true)) {
    return kpsError(ctx, OP, 500, 'KPS.0003', 'Dependency service unavailable');
  }
  // Servers this batch starts a bind of: a later entry naming one again finds it busy, as a later batch would.
  const claimed = new Set<string>();
  const outcomes = entries.map((entry) => judgeEntry(ctx, entry, claimed));
  const refusal = wholeBatchRefusal(ctx, outcomes);
  if (refusal) return kpsError(ctx, OP, 400, 'KPS.0002', refusal.message);
  // Only a batch every entry of which would succeed is "valid" in the rule's sense: no other rule is touched.
  if (ctx.broken('kps.batch-associate.accepts-valid') && outcomes.every((o) => !o.failure) && servers.some((s) => s?.port !== undefined)) {
    return kpsError(ctx, OP, 400, 'KPS.0002', 'parameter error: port');
  }
  if (ctx.broken('kps.batch-associate.partial-independence') && outcomes.some((o) => o.failure)) {
    for (const o of outcomes) o.failure ??= { kind: 'precondition', message: 'parameter error: another entry failed' };
  }
  const tasks = outcomes.map((o) => taskEntry(ctx, o));
  if (ctx.broken('kps.batch-associate.one-task-per-server')) tasks.reverse();
  return kpsSuccess(ctx, OP, { tasks });
}

/** With `batchPreconditionFailure: 'rejected'`, the precondition failure the whole batch is refused for. */
function wholeBatchRefusal(ctx: MockContext, outcomes: readonly Outcome[]): EntryFailure | undefined {
  if (ctx.readings.batchPreconditionFailure !== 'rejected' || FAILED_TASK_FAULTS.some((f) => ctx.broken(f))) return undefined;
  return pickBroken(
    ctx,
    outcomes.flatMap((o) => (o.failure?.kind === 'precondition' ? [o.failure] : [])),
  );
}

function judgeEntry(ctx: MockContext, entry: unknown, claimed: Set<string>): Outcome {
  const item = asObject(entry);
  const server = asObject(item?.server);
  const serverId = typeof server?.id === 'string' ? server.id : '';
  const outcome: Outcome = { serverId, auth: server?.auth !== undefined, keypair: String(item?.keypair_name ?? '') };
  const valid = ctx.validators.forSchema('huaweicloud-kps', 'AssociateKeypairRequestBody')(entry);
  const known = ctx.huawei.servers.get(serverId);
  if (!valid) outcome.failure = { kind: 'invalid', message: 'parameter error: the entry is not a valid AssociateKeypairRequestBody' };
  else if (!known) outcome.failure = precondition(`parameter error: server ${serverId} does not exist`);
  else if (known.state !== 'running' && !ctx.broken('kps.batch-associate.not-running')) outcome.failure = precondition('The ECS is not in the Running state');
  else if (known.keypair !== undefined && !ctx.broken('kps.batch-associate.already-bound'))
    outcome.failure = precondition('The ECS is already bound to a key pair');
  else if (busy(ctx, serverId, claimed)) outcome.failure = precondition('The ECS has a key pair task in progress');
  if (!outcome.failure) claimed.add(serverId);
  return outcome;
}

function precondition(message: string): EntryFailure {
  return { kind: 'precondition', message };
}

/**
 * A server KPS is still binding (an earlier bind's task not terminal, or an earlier entry of this batch):
 * seed 001 allows only servers "not bound to any key pair", and one being bound is not that, so its entry
 * fails like a bound one's (KPS.0002, the documents name no busy code) and no second bind starts. Checked
 * last, so a bound or stopped server keeps its own message; the already-bound fault drops it with the rest.
 */
function busy(ctx: MockContext, serverId: string, claimed: ReadonlySet<string>): boolean {
  if (ctx.broken('kps.batch-associate.already-bound')) return false;
  return claimed.has(serverId) || ctx.huawei.bindInFlight(serverId, ctx.now());
}

function taskEntry(ctx: MockContext, o: Outcome): Record<string, unknown> {
  if (o.failure) {
    const failed: Record<string, unknown> = {
      server_id: o.serverId,
      status: ctx.broken('kps.batch-associate.status-enum') ? 'Fail' : ctx.readings.batchFailedStatus,
    };
    if (!ctx.broken('kps.batch-associate.failed-has-error'))
      Object.assign(failed, { error_code: 'KPS.0002', error_msg: worded(ctx, 'KPS.0002', o.failure.message) });
    return failed;
  }
  const task = ctx.huawei.startTask(o.serverId, o.auth ? 'REPLACE' : 'RESET', ctx.now(), o.keypair);
  const success: Record<string, unknown> = { server_id: o.serverId, status: 'SUCCESS' };
  if (!ctx.broken('kps.batch-associate.success-has-task-id')) success.task_id = task.id;
  if (ctx.broken('kps.batch-associate.response-schema')) success.error_msg = 0;
  return success;
}

function asObject(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
