import { getOperation } from '../../spec/operations.ts';
import { encodeRpcQuery, type LogicalRequest } from '../../spec/wire-encoding.ts';
import { volcengineHmacSha256 } from '../../signing/index.ts';
import type { Case } from '../cases/case.ts';
import type { VolcengineTarget } from '../target/resolved-target.ts';
import type { SentRequest } from './exchange.ts';

const encoding = getOperation('AttachKeyPair').wireEncoding!;
const STALE_MS = 20 * 60 * 1000;

/** RFC 3986 encoding, as both the signer and the gateway canonicalise it. */
const rfc3986 = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * Turns a Volcengine case into a signed GET: the logical request goes through the spec's x-wire-encoding
 * (InstanceIds.N), then HMAC-SHA256 over exactly that URL.
 */
export function buildVolcengineRequest(target: VolcengineTarget, c: Case, now: Date = new Date()): SentRequest {
  const fixed = { ...encoding.fixed, ...c.request.fixed };
  const params = encodeRpcQuery({ ...encoding, fixed: {} }, (c.request.logical ?? {}) as LogicalRequest);
  const all: [string, string][] = [
    ...Object.entries(fixed).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== null),
    ...params,
    ...(c.request.extraQuery ?? []).map(([k, v]) => [k, v] as [string, string]),
  ];
  const url = `${target.endpoint}/?${all.map(([k, v]) => `${rfc3986(k)}=${rfc3986(v)}`).join('&')}`;
  const auth = c.request.auth ?? 'default';
  if (auth === 'none') return { method: 'GET', url, headers: {} };
  const creds = target.credentials;
  const signed = volcengineHmacSha256(
    { method: 'GET', url },
    {
      accessKey: auth === 'unknown-access-key' ? `${creds.accessKey}UNKNOWN` : creds.accessKey,
      secretKey: auth === 'wrong-secret' ? `${creds.secretKey}-wrong` : creds.secretKey,
      securityToken: creds.securityToken,
      region: target.region,
      service: 'ecs',
      date: auth === 'stale-date' ? new Date(now.getTime() - STALE_MS) : now,
    },
  );
  return { method: 'GET', url: signed.url, headers: signed.headers };
}
