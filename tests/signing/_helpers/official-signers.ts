// Thin typed wrappers over the official Node SDK signers, called directly with a fixed date.
import { AKSKSigner } from '@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner.js';
import { BasicCredentials } from '@huaweicloud/huaweicloud-sdk-core/auth/BasicCredentials.js';
import volcengineSignModule from '@volcengine/openapi/lib/base/sign.js';

export interface HuaweiSdkRequest {
  readonly method: string;
  /** Scheme, host and the path as AKSKSigner receives it (HcClient concatenates endpoint and path). */
  readonly endpoint: string;
  readonly queryParams: Record<string, string | string[]>;
  /** Every header is signed; X-Sdk-Date fixes the date. */
  readonly headers: Record<string, string>;
  /** AKSKSigner hashes JSON.stringify(data). */
  readonly data?: unknown;
}

/** The headers AKSKSigner.sign returns: the request's, plus host and Authorization. */
export function huaweiSdkSign(request: HuaweiSdkRequest, ak: string, sk: string): Record<string, string> {
  const credential = new BasicCredentials().withAk(ak).withSk(sk);
  // sign() sorts array values in place; give it copies.
  const queryParams = Object.fromEntries(Object.entries(request.queryParams).map(([k, v]) => [k, Array.isArray(v) ? [...v] : v]));
  return AKSKSigner.sign({ ...request, queryParams, headers: { ...request.headers } }, credential) as Record<string, string>;
}

export interface VolcengineSdkRequest {
  readonly region: string;
  readonly method: string;
  /** Used in the canonical request verbatim. */
  readonly pathname: string;
  readonly params: Record<string, string | string[]>;
  readonly headers: Record<string, string>;
  readonly body?: string | Buffer;
}

/** The headers @volcengine/openapi's Signer leaves on the request after addAuthorization. */
export function volcengineSdkSign(
  request: VolcengineSdkRequest,
  service: string,
  credentials: { accessKeyId: string; secretKey: string; sessionToken?: string },
  date: Date,
): Record<string, string> {
  const Signer = volcengineSignModule.default;
  const signer = new Signer({ ...request, headers: { ...request.headers } }, service);
  signer.addAuthorization(credentials, date);
  return signer.request.headers as Record<string, string>;
}
