import { setTimeout as sleep } from 'node:timers/promises';
import { errorCode } from '../../spec/error-codes.ts';
import type { MockResponse } from '../http/mock-exchange.ts';
import type { AttachResult, MockContext } from '../mock-context.ts';
import { ecsError, ecsSuccess, type EnvelopeEcho } from './envelope.ts';

/** The logical AttachKeyPair request, decoded from the query by the spec's wire encoding. */
export interface AttachRequest {
  readonly instanceIds: readonly string[];
  readonly keyPairName?: string;
  readonly keyPairId?: string;
  readonly clientToken?: string;
}

const PER_INSTANCE: Record<string, string | null> = {
  running: null,
  stopped: null,
  windows: 'InvalidKeyPairForWindows.Unsupported',
  noAgent: 'InvalidResetAuthenticationAgent.NotFound',
  transitional: 'InvalidInstanceStatus',
};

/**
 * AttachKeyPair (seed 002) after the gateway: request-level validation, ClientToken idempotency, the key
 * pair (KeyPairId wins), then one OperationDetails entry per instance.
 */
export async function attachKeyPair(ctx: MockContext, echo: EnvelopeEcho, req: AttachRequest, accessKey: string): Promise<MockResponse> {
  const invalid = validate(ctx, echo, req);
  if (invalid) return invalid;
  const token = req.clientToken;
  if (!token) return decide(ctx, echo, req);

  const key = `${accessKey}\n${token}`;
  const fingerprint = JSON.stringify([req.instanceIds, req.keyPairName ?? null, req.keyPairId ?? null]);
  const seen = ctx.clientTokens.get(key, ctx.now());
  if (seen?.state === 'processing') {
    return ctx.broken('ecs.attach-key-pair.idempotent-processing')
      ? ecsError(ctx, echo, 400, 'IdempotentParameterMismatch')
      : ecsError(ctx, echo, 412, 'IdempotentProcessing');
  }
  if (seen?.state === 'done') {
    if (seen.fingerprint !== fingerprint && !ctx.broken('ecs.attach-key-pair.idempotent-mismatch')) {
      return ecsError(ctx, echo, 400, 'IdempotentParameterMismatch');
    }
    if (seen.fingerprint === fingerprint) {
      const details = ctx.broken('ecs.attach-key-pair.idempotent-replay') ? [...seen.result].reverse() : seen.result;
      return ecsSuccess(ctx, echo, { OperationDetails: shape(ctx, details) });
    }
  }
  ctx.clientTokens.startProcessing(key, fingerprint, ctx.now());
  if (ctx.options.idempotencyProcessingMs > 0) await sleep(ctx.options.idempotencyProcessingMs);
  const response = decide(ctx, echo, req, (details) => ctx.clientTokens.finish(key, fingerprint, details, ctx.now()));
  // A rejected request changes nothing, so its token stays unused.
  if (response.status !== 200 && response.status !== 202) ctx.clientTokens.forget(key);
  return response;
}

function validate(ctx: MockContext, echo: EnvelopeEcho, req: AttachRequest): MockResponse | undefined {
  if (req.instanceIds.length === 0 && !ctx.broken('ecs.attach-key-pair.instance-ids-required')) {
    return ecsError(ctx, echo, 400, 'MissingParameter.InstanceIds');
  }
  if (!req.keyPairName && !req.keyPairId && !ctx.broken('ecs.attach-key-pair.keypair-required')) {
    return ecsError(ctx, echo, 400, 'MissingParameter.KeyPairNameAndKeyPairId');
  }
  const limitBroken = ctx.broken('ecs.attach-key-pair.max-100') || ctx.broken('ecs.attach-key-pair.rejects-invalid');
  if (req.instanceIds.length > 100 && !limitBroken) return ecsError(ctx, echo, 400, 'LimitExceeded.MaximumInstanceIds');
  const token = req.clientToken ?? '';
  const malformed = [...token].length > 64 || /[^\x00-\x7f]/.test(token);
  if (malformed && !ctx.broken('ecs.attach-key-pair.client-token-format')) return ecsError(ctx, echo, 400, 'InvalidClientToken.Malformed');
  // Only a request that is valid all through (its KeyPairId exists), so that no other rule is touched.
  if (req.keyPairId && !req.keyPairName && ctx.volcengine.keyPairsById.has(req.keyPairId)) {
    if (ctx.broken('ecs.attach-key-pair.no-server-error')) return ecsError(ctx, echo, 500, 'InternalError');
    if (ctx.broken('ecs.attach-key-pair.accepts-valid')) return ecsError(ctx, echo, 400, 'MissingParameter.KeyPairNameAndKeyPairId');
  }
  return undefined;
}

function decide(ctx: MockContext, echo: EnvelopeEcho, req: AttachRequest, remember?: (d: AttachResult) => void): MockResponse {
  const state = ctx.volcengine;
  const byId = req.keyPairId ? state.keyPairsById.get(req.keyPairId) : undefined;
  const byName = req.keyPairName ? state.keyPairsByName.get(req.keyPairName) : undefined;
  const nameWins = ctx.broken('ecs.attach-key-pair.keypair-id-wins') && byName !== undefined;
  const keyPair = req.keyPairId && !nameWins ? byId : byName;
  const named = Boolean(req.keyPairId || req.keyPairName);
  if (!keyPair && named && !ctx.broken('ecs.attach-key-pair.keypair-not-found')) {
    const status = ctx.broken('ecs.attach-key-pair.status-documented') ? 410 : 404;
    return ecsError(ctx, echo, status, 'InvalidKeyPair.NotFound');
  }
  const details: AttachResult = req.instanceIds.map((id) => {
    const instance = state.instances.get(id);
    let code = instance ? PER_INSTANCE[instance.kind] ?? null : 'InvalidInstance.NotFound';
    if (code === 'InvalidInstance.NotFound' && ctx.broken('ecs.attach-key-pair.instance-not-found')) code = null;
    if (code === 'InvalidKeyPairForWindows.Unsupported' && ctx.broken('ecs.attach-key-pair.windows')) code = null;
    if (code === 'InvalidResetAuthenticationAgent.NotFound' && ctx.broken('ecs.attach-key-pair.no-agent')) code = null;
    if (code === 'InvalidInstanceStatus' && ctx.broken('ecs.attach-key-pair.instance-status')) code = null;
    if (instance?.kind === 'stopped' && ctx.broken('ecs.attach-key-pair.running-and-stopped')) code = 'InvalidInstanceStatus';
    if (code === null && instance) instance.keyPairId = keyPair?.id;
    return { InstanceId: id, Error: code === null ? null : { Code: code, Message: errorCode('volcengine-ecs', code, 'instance').message ?? code } };
  });
  remember?.(details);
  return ecsSuccess(ctx, echo, { OperationDetails: shape(ctx, details) });
}

/** The details as sent: the one-detail and detail-shape faults change them here, never what is stored. */
function shape(ctx: MockContext, details: AttachResult): unknown[] {
  const out: Record<string, unknown>[] = details.map((d) => ({ ...d }));
  if (ctx.broken('ecs.attach-key-pair.one-detail-per-instance')) out.push({ InstanceId: 'i-not-requested', Error: null });
  if (ctx.broken('ecs.attach-key-pair.detail-shape')) for (const d of out) if (d.Error === null) delete d.Error;
  return out;
}
