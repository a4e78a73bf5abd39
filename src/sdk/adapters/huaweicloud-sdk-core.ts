// Adapter for @huaweicloud/huaweicloud-sdk-core: its generic client (sendRequest) on the KPS paths, as
// the KPS service SDKs do (there is no KPS package for Node on npm).
import { ClientBuilder } from '@huaweicloud/huaweicloud-sdk-core/ClientBuilder.js';
import { BasicCredentials } from '@huaweicloud/huaweicloud-sdk-core/auth/BasicCredentials.js';
import type { SdkResponse } from '@huaweicloud/huaweicloud-sdk-core/SdkResponse.js';
import type { HuaweiSdkEnv, SdkAdapter, SdkOutcome } from '../sdk-adapter.ts';

// At its default level (ERROR) the SDK logs every 4xx/5xx with the whole request, Authorization header
// (access key and signature) included. The adapter leaves that as it is: a client is judged at its default
// settings (client.no-secrets-in-output); the suite captures and redacts what it prints.

/** The answer's JSON body as the SDK hands it back, with the status it adds. */
type KpsAnswer = SdkResponse & { readonly [member: string]: unknown };

async function call(env: HuaweiSdkEnv, path: string, data: unknown): Promise<SdkOutcome> {
  const credentials = new BasicCredentials().withAk(env.accessKey).withSk(env.secretKey).withProjectId(env.projectId);
  const client = new ClientBuilder((c) => c).withCredential(credentials).withEndpoint(env.endpoint).build();
  try {
    const body = await client.sendRequest<KpsAnswer>({
      method: 'POST',
      url: `/v3/{project_id}${path}`,
      contentType: 'application/json;charset=UTF-8',
      pathParams: { project_id: env.projectId },
      queryParams: {},
      headers: {},
      data: data as Record<string, unknown>,
    });
    const { httpStatusCode, ...rest }: KpsAnswer = body ?? {};
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
