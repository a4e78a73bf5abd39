import type { ReceivedRequest, SignedRequest } from '../../../src/signing/index.ts';

/** The request a server receives for a signed one: request-target, headers with Host, the same bytes. */
export function received(signed: SignedRequest): ReceivedRequest {
  const url = new URL(signed.url);
  return {
    method: signed.method,
    target: `${url.pathname}${url.search}`,
    headers: { host: url.host, ...signed.headers },
    ...(signed.body ? { body: signed.body } : {}),
  };
}

/** Replaces one parameter of an `ALG A=x, B=y, C=z` Authorization value. */
export function withAuthParam(authorization: string, name: string, value: string): string {
  return authorization.replace(new RegExp(`${name}=[^,]*`), `${name}=${value}`);
}
