import { DEFAULT_CREDENTIALS } from '../../../src/mock/index.ts';
import { volcengineHmacSha256 } from '../../../src/signing/index.ts';
import type { AnswerJson } from '../../_helpers/mock-client.ts';

/**
 * Calls the mock's Volcengine side signed for any credential scope (tests/_helpers/mock-client.ts signs
 * for service ecs only): what a client signing for another service or region sends.
 */
export async function volcengineScoped(
  baseUrl: string,
  query: string,
  scope: { service: string; region: string },
): Promise<{ status: number; body: AnswerJson }> {
  const signed = volcengineHmacSha256(
    { method: 'GET', url: `${baseUrl}/?${query}` },
    { accessKey: DEFAULT_CREDENTIALS.volcengine.accessKey, secretKey: DEFAULT_CREDENTIALS.volcengine.secretKey, ...scope },
  );
  const response = await fetch(signed.url, { headers: signed.headers });
  return { status: response.status, body: await response.json() };
}
