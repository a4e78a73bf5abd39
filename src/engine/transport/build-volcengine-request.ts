import { API_FAMILIES } from '../../families/api-families.ts';
import { getOperation } from '../../spec/operations.ts';
import { encodeRpcQuery, type LogicalRequest } from '../../spec/wire-encoding.ts';
import { volcengineHmacSha256 } from '../../signing/index.ts';
import type { Case } from '../cases/case.ts';
import { signedRegion } from '../cases/volcengine/signed-region.ts';
import type { VolcengineTarget } from '../target/resolved-target.ts';
import type { SentRequest } from './exchange.ts';

const encoding = getOperation('AttachKeyPair').wireEncoding!;
const STALE_MS = 20 * 60 * 1000;

/** RFC 3986 encoding, as both the signer and the gateway canonicalise it. */
const rfc3986 = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * Parameters changed after signing, in order of preference. The key pair first: a target that does not
 * check signatures then finds no such key pair and binds nothing, and the instance ids the case's checks
 * read stay as sent. Not Action, Version or ClientToken: changing those breaks another rule too, and the
 * target could answer with that rule's error.
 */
const TAMPERED = ['KeyPairName', 'KeyPairId', 'InstanceIds.1'];

/** The URL with one signed parameter's value changed (or, lacking all of them, one added); the rest left as signed. */
function tamperQuery(url: string): string {
  const [base, query = ''] = url.split('?') as [string, string?];
  const pairs = query
    .split('&')
    .filter((p) => p !== '')
    .map((p) => p.split('=') as [string, string?]);
  const names = pairs.map(([k]) => decodeURIComponent(k));
  const at = TAMPERED.map((name) => names.indexOf(name)).find((i) => i >= 0);
  if (at === undefined) return `${base}?${[query, 'Tampered=1'].filter((q) => q !== '').join('&')}`;
  const [key, value = ''] = pairs[at]!;
  pairs[at] = [key, rfc3986(`${decodeURIComponent(value)}-tampered`)];
  return `${base}?${pairs.map(([k, v]) => `${k}=${v ?? ''}`).join('&')}`;
}

/**
 * Turns a Volcengine case into a signed GET: the logical request goes through the spec's x-wire-encoding
 * (InstanceIds.N), then HMAC-SHA256 over exactly that URL. The auth variant decides how it is signed wrong
 * on purpose: `tamper-body` changes a query parameter after signing (a GET has no body to change), and
 * `other-region-scope` signs correctly for another region than the target's.
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
      region: signedRegion(target.region, auth),
      service: API_FAMILIES.volcengine.signingService,
      date: auth === 'stale-date' ? new Date(now.getTime() - STALE_MS) : now,
    },
  );
  return { method: 'GET', url: auth === 'tamper-body' ? tamperQuery(signed.url) : signed.url, headers: signed.headers };
}
