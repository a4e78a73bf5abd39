import volcengine from '../../../src/sdk/adapters/volcengine-openapi.ts';
import huawei from '../../../src/sdk/adapters/huaweicloud-sdk-core.ts';
import type { SdkAdapter } from '../../../src/sdk/sdk-adapter.ts';

/** An SDK that loses the second instance id on the way out (a flattening bug). */
export const dropsSecondInstanceId: SdkAdapter = {
  name: 'broken: drops InstanceIds.2',
  attachKeyPair: (request, env) => volcengine.attachKeyPair!({ ...request, InstanceIds: (request.InstanceIds ?? []).filter((_, i) => i !== 1) }, env),
};

/** An SDK that reports failures without their error code. */
export const swallowsErrorCodes: SdkAdapter = {
  name: 'broken: swallows error codes',
  attachKeyPair: async (request, env) => {
    const outcome = await volcengine.attachKeyPair!(request, env);
    return outcome.ok ? outcome : { ok: false, message: 'request failed' };
  },
  associateKeypair: async (request, env) => {
    const outcome = await huawei.associateKeypair!(request, env);
    return outcome.ok ? outcome : { ok: false, status: outcome.status, message: 'request failed' };
  },
};

/** An SDK that loses all but the first task of a batch answer. */
export const keepsFirstTaskOnly: SdkAdapter = {
  name: 'broken: keeps the first batch task only',
  batchAssociateKeypair: async (request, env) => {
    const outcome = await huawei.batchAssociateKeypair!(request, env);
    if (!outcome.ok) return outcome;
    const data = outcome.data as { tasks?: unknown[] };
    return { ...outcome, data: { ...data, tasks: data.tasks?.slice(0, 1) } };
  },
};
