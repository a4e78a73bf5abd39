// Adapter for @volcengine/openapi: Service(...).createAPI('AttachKeyPair'), with InstanceIds.N flattened
// by hand, as the package leaves it to the caller.
import { Service } from '@volcengine/openapi';
import type { SdkAdapter, SdkOutcome, VolcengineSdkEnv } from '../sdk-adapter.ts';

function attachApi(env: VolcengineSdkEnv) {
  const { host, protocol } = new URL(env.endpoint);
  const service = new Service({
    serviceName: 'ecs',
    defaultVersion: '2020-04-01',
    region: env.region,
    host,
    protocol,
    accessKeyId: env.accessKey,
    secretKey: env.secretKey,
  });
  return service.createAPI<Record<string, string>, unknown>('AttachKeyPair', { method: 'GET' });
}

const adapter: SdkAdapter = {
  name: '@volcengine/openapi (Service.createAPI)',
  async attachKeyPair(request, env): Promise<SdkOutcome> {
    const query: Record<string, string> = {};
    // The suite also sends invalid requests (no InstanceIds): an adapter passes on what it is given.
    (request.InstanceIds ?? []).forEach((id, i) => (query[`InstanceIds.${i + 1}`] = id));
    for (const key of ['KeyPairName', 'KeyPairId', 'ClientToken'] as const) if (request[key] !== undefined) query[key] = request[key]!;
    try {
      // The package resolves any status (axios validateStatus: null) and does not surface it.
      const answer = await attachApi(env)(query);
      const meta = answer.ResponseMetadata;
      if (meta?.Error) return { ok: false, code: meta.Error.Code, message: meta.Error.Message, requestId: meta.RequestId };
      return { ok: true, data: answer.Result, requestId: meta?.RequestId };
    } catch (error) {
      return { ok: false, message: (error as Error).message };
    }
  },
};
export default adapter;
