import { DEFAULT_CREDENTIALS } from '../../../src/mock/index.ts';
import { huaweiSdkHmacSha256 } from '../../../src/signing/index.ts';
import type { AnswerJson } from '../../_helpers/mock-client.ts';

/**
 * Calls the mock's Huawei side with any project in the path and in X-Project-Id (tests/_helpers/
 * mock-client.ts always uses the fixture project for both): what a client configured for another project,
 * or with a path and a credential that disagree, sends. `headerProject` undefined: no X-Project-Id.
 * `token`: an IAM token instead of a signature (true: the mock's; X-Project-Id is then sent unsigned, if
 * given). `secretKey`: sign with another secret key (a wrong signature).
 */
export async function huaweiScoped(
  baseUrl: string,
  method: string,
  route: string,
  scope: { pathProject: string; headerProject?: string; token?: boolean | string; secretKey?: string },
  body?: unknown,
): Promise<{ status: number; body: AnswerJson }> {
  const url = `${baseUrl}/v3/${encodeURIComponent(scope.pathProject)}${route}`;
  const text = body === undefined ? undefined : JSON.stringify(body);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  let sent: { url: string; headers: Record<string, string>; body?: string | Uint8Array };
  if (scope.token) {
    if (scope.headerProject !== undefined) headers['X-Project-Id'] = scope.headerProject;
    const token = scope.token === true ? DEFAULT_CREDENTIALS.huawei.tokens[0]! : scope.token;
    sent = { url, headers: { ...headers, 'X-Auth-Token': token }, body: text };
  } else {
    const { accessKey, secretKey } = DEFAULT_CREDENTIALS.huawei;
    sent = huaweiSdkHmacSha256({ method, url, headers, body: text }, { accessKey, secretKey: scope.secretKey ?? secretKey, projectId: scope.headerProject });
  }
  const response = await fetch(sent.url, { method, headers: sent.headers, body: sent.body });
  const raw = await response.text();
  return { status: response.status, body: raw === '' ? undefined : JSON.parse(raw) };
}
