import type { components as Ecs } from '../../../../generated/volcengine-ecs.ts';
import type { Case } from '../../cases/case.ts';
import { bodyObject } from '../../transport/answer.ts';
import type { EngineContext } from '../engine-context.ts';
import { executeCase } from '../execute-case.ts';
import type { ChangeLedger } from '../restore/change-ledger.ts';
import type { RestoreJob, RestoreOutcome } from '../restore/restore-fixtures.ts';

// Volcengine ECS's part of the restore (restore/restore-fixtures.ts runs the jobs): AttachKeyPair cannot
// remove a key pair, so an instance the run changed gets its original one again, if the target names it.

const instanceResource = (instance: string) => `volcengine instance ${instance}`;

/** A job per instance the run changed. */
export const volcengineRestoreJobs = (ctx: EngineContext, ledger: ChangeLedger): RestoreJob[] =>
  [...ledger.instances].map((instance) => () => restoreInstance(ctx, instance));

/** The instances the run changed, as the report names them. */
export const volcengineChangedResources = (ledger: ChangeLedger): string[] => [...ledger.instances].map(instanceResource);

async function restoreInstance(ctx: EngineContext, instance: string): Promise<RestoreOutcome> {
  const volc = ctx.target.volcengine!;
  const resource = instanceResource(instance);
  const original = volc.fixtures.originalKeyPairs[instance];
  if (original === undefined) {
    return { resource, restored: false, detail: 'AttachKeyPair cannot remove a key pair, and volcengine.fixtures.originalKeyPairs names none to re-attach' };
  }
  const c: Case = {
    id: 'restore/reattach',
    title: "the run re-attaches an instance's original key pair",
    source: 'model',
    operation: 'ecs.attach-key-pair',
    request: { logical: { InstanceIds: [instance], KeyPairName: original } },
    expect: { kind: 'any', rules: [] },
  };
  const { exchange } = await executeCase(ctx, c, false);
  const detail = bodyObject<Ecs['schemas']['AttachKeyPairSuccess']>(exchange.response)?.Result?.OperationDetails?.[0];
  const ok = exchange.response?.status === 200 && detail?.Error === null;
  return {
    resource,
    restored: ok,
    detail: ok ? `re-attached ${original}` : `${exchange.response?.status ?? exchange.error} ${exchange.response?.text.slice(0, 200) ?? ''}`,
  };
}
