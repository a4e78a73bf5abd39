import { setTimeout as sleep } from 'node:timers/promises';
import { INSTANCE_KINDS } from '../../rules/instance-kinds.ts';
import { errorCode } from '../../spec/error-codes.ts';
import type { VolcengineKeyPairFixture } from '../fixtures/mock-fixtures.ts';
import type { MockResponse } from '../http/mock-exchange.ts';
import type { AttachResult, MockContext } from '../mock-context.ts';
import { worded } from '../message-wording.ts';
import { pickBroken } from '../pick-broken.ts';
import { ecsError, ecsSuccess, type EnvelopeEcho } from './envelope.ts';

/** The logical AttachKeyPair request, decoded from the query by the spec's wire encoding. */
export interface AttachRequest {
  readonly instanceIds: readonly string[];
  readonly keyPairName?: string;
  readonly keyPairId?: string;
  readonly clientToken?: string;
}

/** What an attach would do: its details and the key pair it binds, or the request-level refusal. */
type AttachPlan = { readonly refusal: MockResponse } | { readonly keyPair: VolcengineKeyPairFixture | undefined; readonly details: AttachResult };

/**
 * AttachKeyPair (seed 002) after the gateway: request-level validation, ClientToken idempotency, the key
 * pair (KeyPairId wins), then one OperationDetails entry per instance.
 */
export async function attachKeyPair(ctx: MockContext, echo: EnvelopeEcho, req: AttachRequest, accessKey: string): Promise<MockResponse> {
  const invalid = validate(ctx, echo, req);
  if (invalid) return invalid;
  const token = req.clientToken;
  if (!token) return carryOut(ctx, echo, plan(ctx, echo, req));

  const key = tokenKey(accessKey, token);
  const print = fingerprint(req);
  const seen = ctx.clientTokens.get(key, ctx.now());
  if (seen?.state === 'processing') {
    return ctx.broken('ecs.attach-key-pair.idempotent-processing')
      ? ecsError(ctx, echo, 400, 'IdempotentParameterMismatch')
      : ecsError(ctx, echo, 412, 'IdempotentProcessing');
  }
  if (seen?.state === 'done') {
    if (seen.fingerprint !== print && !ctx.broken('ecs.attach-key-pair.idempotent-mismatch')) {
      return ecsError(ctx, echo, ctx.broken('ecs.attach-key-pair.idempotent-mismatch:409') ? 409 : 400, 'IdempotentParameterMismatch');
    }
    if (seen.fingerprint === print) {
      if (ctx.broken('ecs.attach-key-pair.idempotent-replay:answers-mismatch')) return ecsError(ctx, echo, 400, 'IdempotentParameterMismatch');
      const details = ctx.broken('ecs.attach-key-pair.idempotent-replay') ? [...seen.result].reverse() : seen.result;
      return ecsSuccess(ctx, echo, { OperationDetails: shape(ctx, details) });
    }
  }
  ctx.clientTokens.startProcessing(key, print, ctx.now());
  if (ctx.options.idempotencyProcessingMs > 0) await sleep(ctx.options.idempotencyProcessingMs);
  const planned = plan(ctx, echo, req);
  // A rejected request changes nothing, so its token stays unused.
  if ('refusal' in planned) ctx.clientTokens.forget(key);
  else ctx.clientTokens.finish(key, print, planned.details, ctx.now());
  return carryOut(ctx, echo, planned);
}

/**
 * The token-taken faults: a refused request's ClientToken is recorded with its parameters and the details
 * it would have had, though nothing is attached. A request that would be refused anyway records nothing.
 */
export function takeClientToken(ctx: MockContext, echo: EnvelopeEcho, req: AttachRequest, accessKey: string): void {
  if (!req.clientToken || validate(ctx, echo, req)) return;
  const planned = plan(ctx, echo, req);
  if (!('refusal' in planned)) ctx.clientTokens.finish(tokenKey(accessKey, req.clientToken), fingerprint(req), planned.details, ctx.now());
}

/** ClientTokens are kept per access key. */
const tokenKey = (accessKey: string, token: string) => `${accessKey}\n${token}`;
const fingerprint = (req: AttachRequest) => JSON.stringify([req.instanceIds, req.keyPairName ?? null, req.keyPairId ?? null]);

/** The request-level checks; of several broken ones, `severalBroken` picks the one answered. */
function validate(ctx: MockContext, echo: EnvelopeEcho, req: AttachRequest): MockResponse | undefined {
  const broken: string[] = [];
  if (req.instanceIds.length === 0 && !ctx.broken('ecs.attach-key-pair.instance-ids-required')) broken.push('MissingParameter.InstanceIds');
  if (!req.keyPairName && !req.keyPairId && !ctx.broken('ecs.attach-key-pair.keypair-required')) broken.push('MissingParameter.KeyPairNameAndKeyPairId');
  const limitBroken = ctx.broken('ecs.attach-key-pair.max-100') || ctx.broken('ecs.attach-key-pair.rejects-invalid');
  const maxIds = ctx.broken('ecs.attach-key-pair.max-100:off-by-one') ? 101 : 100;
  if (req.instanceIds.length > maxIds && !limitBroken) broken.push('LimitExceeded.MaximumInstanceIds');
  const token = req.clientToken ?? '';
  const maxToken = ctx.broken('ecs.attach-key-pair.client-token-format:off-by-one') ? 65 : 64;
  const malformed = [...token].length > maxToken || /[^\x00-\x7f]/.test(token);
  if (malformed && !ctx.broken('ecs.attach-key-pair.client-token-format')) broken.push('InvalidClientToken.Malformed');
  const answered = pickBroken(ctx, broken);
  if (answered) return ecsError(ctx, echo, 400, answered);
  // Only a request that is valid all through (its KeyPairId exists), so that no other rule is touched.
  if (req.keyPairId && !req.keyPairName && ctx.volcengine.keyPairsById.has(req.keyPairId)) {
    if (ctx.broken('ecs.attach-key-pair.no-server-error')) return ecsError(ctx, echo, 500, 'InternalError');
    if (ctx.broken('ecs.attach-key-pair.accepts-valid')) return ecsError(ctx, echo, 400, 'MissingParameter.KeyPairNameAndKeyPairId');
  }
  return undefined;
}

/** The key pair (KeyPairId wins) and each instance's outcome, without changing anything. */
function plan(ctx: MockContext, echo: EnvelopeEcho, req: AttachRequest): AttachPlan {
  const state = ctx.volcengine;
  const byId = req.keyPairId ? state.keyPairsById.get(req.keyPairId) : undefined;
  const byName = req.keyPairName ? state.keyPairsByName.get(req.keyPairName) : undefined;
  const nameWins = ctx.broken('ecs.attach-key-pair.keypair-id-wins') && byName !== undefined;
  const keyPair = req.keyPairId && !nameWins ? byId : byName;
  const named = Boolean(req.keyPairId || req.keyPairName);
  if (!keyPair && named && !ctx.broken('ecs.attach-key-pair.keypair-not-found')) {
    const status = ctx.broken('ecs.attach-key-pair.status-documented') ? 410 : 404;
    return { refusal: ecsError(ctx, echo, status, 'InvalidKeyPair.NotFound') };
  }
  // A fault: one unknown instance refuses the whole request, where the documents give it its own entry.
  if (ctx.broken('ecs.attach-key-pair.instance-not-found:whole-404') && req.instanceIds.some((id) => !state.instances.has(id))) {
    return { refusal: ecsError(ctx, echo, 404, 'InvalidInstance.NotFound') };
  }
  const details: AttachResult = req.instanceIds.map((id) => {
    const instance = state.instances.get(id);
    // Each kind's documented answer (src/rules/instance-kinds.ts); breaking its rule drops the kind's error.
    const kind = INSTANCE_KINDS[instance?.kind ?? 'unknown'];
    let code = kind.code !== null && ctx.broken(kind.rule) ? null : kind.code;
    if (instance?.kind === 'stopped' && ctx.broken('ecs.attach-key-pair.running-and-stopped')) code = 'InvalidInstanceStatus';
    const message = code === null ? '' : worded(ctx, code, errorCode('volcengine-ecs', code, 'instance').message ?? code);
    return { InstanceId: id, Error: code === null ? null : { Code: code, Message: message } };
  });
  return { keyPair, details };
}

/** Attaches the planned key pair to every instance that succeeded, and answers. */
function carryOut(ctx: MockContext, echo: EnvelopeEcho, planned: AttachPlan): MockResponse {
  if ('refusal' in planned) return planned.refusal;
  for (const d of planned.details) {
    const instance = ctx.volcengine.instances.get(d.InstanceId);
    if (d.Error === null && instance) instance.keyPairId = planned.keyPair?.id;
  }
  return ecsSuccess(ctx, echo, { OperationDetails: shape(ctx, planned.details) });
}

/** The details as sent: the one-detail and detail-shape faults change them here, never what is stored. */
function shape(ctx: MockContext, details: AttachResult): unknown[] {
  const out: Record<string, unknown>[] = details.map((d) => ({ ...d }));
  if (ctx.broken('ecs.attach-key-pair.one-detail-per-instance')) out.push({ InstanceId: 'i-not-requested', Error: null });
  if (ctx.broken('ecs.attach-key-pair.detail-shape')) for (const d of out) if (d.Error === null) delete d.Error;
  return out;
}
