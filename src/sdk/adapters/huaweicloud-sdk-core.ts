// Adapter for @huaweicloud/huaweicloud-sdk-core: its generic client (sendRequest) on the KPS paths, as
// the KPS service SDKs do (there is no KPS package for Node on npm).
import { ClientBuilder } from '@huaweicloud/huaweicloud-sdk-core/ClientBuilder.js';
import { BasicCredentials } from '@huaweicloud/huaweicloud-sdk-core/auth/BasicCredentials.js';
import type { HuaweiSdkEnv, SdkAdapter, SdkOutcome } from '../sdk-adapter.ts';

/**
 * The SDK logs every 4xx/5xx at its default level (ERROR) with the whole request, Authorization header
 * (access key and signature) included, to stdout; ClientBuilder offers no way to pass a logger, so the
 * adapter replaces it. A finding of its own: docs/sdk-results.md.
 */
const SILENT = { debug() {}, info() {}, warn() {}, error() {}, setLevel() {}, getLevel: () => 'error', setName() {} };

async function call(env: HuaweiSdkEnv, path: string, data: unknown): Promise<SdkOutcome> {
  const credentials = new BasicCredentials().withAk(env.accessKey).withSk(env.secretKey).withProjectId(env.projectId);
  const client = new ClientBuilder((c) => c).withCredential(credentials).withEndpoint(env.endpoint).build();
  (client as unknown as { httpClient: { _logger: unknown } }).httpClient._logger = SILENT;
  try {
    const body: any = await client.sendRequest({
      method: 'POST',
      url: `/v3/{project_id}${path}`,
      contentType: 'application/json;charset=UTF-8',
      pathParams: { project_id: env.projectId },
      queryParams: {},
      headers: {},
      data: data as Record<string, unknown>,
    });
    const { httpStatusCode, ...rest } = body ?? {};
    return { ok: true, data: rest, status: httpStatusCode };
  } catch (error) {
    // ClientRequestException / ServerResponseException: httpStatusCode, errorCode, errorMsg, requestId.
    const e = error as { httpStatusCode?: number; errorCode?: string; errorMsg?: string; requestId?: string; message?: string };
    return { ok: false, status: e.httpStatusCode, code: e.errorCode, message: e.errorMsg ?? e.message, requestId: e.requestId };
  }
}

const adapter: SdkAdapter = {
  name: '@huaweicloud/huaweicloud-sdk-core (generic client)',
  associateKeypair: (request, env) => call(env, '/keypairs/associate', request),
  batchAssociateKeypair: (request, env) => call(env, '/keypairs/batch-associate', request),
};
export default adapter;
