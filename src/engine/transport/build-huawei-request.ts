import { huaweiSdkHmacSha256 } from '../../signing/index.ts';
import type { Case } from '../cases/case.ts';
import type { HuaweiTarget } from '../target/resolved-target.ts';
import type { SentRequest } from './exchange.ts';

const PATHS: Record<string, { method: string; path: string }> = {
  'kps.associate': { method: 'POST', path: '/keypairs/associate' },
  'kps.batch-associate': { method: 'POST', path: '/keypairs/batch-associate' },
  'kps.disassociate': { method: 'POST', path: '/keypairs/disassociate' },
  'kps.task': { method: 'GET', path: '/tasks/{task_id}' },
};

const STALE_MS = 16 * 60 * 1000;

/**
 * Turns a Huawei case into the bytes to send, signed over exactly those bytes (AK/SK) or carrying the
 * IAM token. The auth variant decides how it is signed wrong on purpose.
 */
export function buildHuaweiRequest(target: HuaweiTarget, c: Case, now: Date = new Date()): SentRequest {
  const route = PATHS[c.operation]!;
  const path = `/v3/${encodeURIComponent(target.projectId)}${route.path.replace('{task_id}', encodeURIComponent(c.request.taskId ?? ''))}`;
  const url = target.endpoint + path;
  const body = c.request.rawBody ?? (c.request.body === undefined ? undefined : JSON.stringify(c.request.body));
  const headers: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/json;charset=UTF-8' };
  const auth = c.request.auth ?? 'default';
  const creds = target.credentials;
  if (auth === 'none') return { method: route.method, url, headers, body };
  if (creds.kind === 'token') {
    const token = auth === 'default' ? creds.token : `${creds.token}-not-valid`;
    return { method: route.method, url, headers: { ...headers, 'X-Auth-Token': token }, body };
  }
  const signed = huaweiSdkHmacSha256(
    { method: route.method, url, headers, body },
    {
      accessKey: auth === 'unknown-access-key' ? `${creds.accessKey}UNKNOWN` : creds.accessKey,
      secretKey: auth === 'wrong-secret' ? `${creds.secretKey}-wrong` : creds.secretKey,
      securityToken: creds.securityToken,
      projectId: target.projectId,
      date: auth === 'stale-date' ? new Date(now.getTime() - STALE_MS) : now,
    },
  );
  const sentBody = auth === 'tamper-body' && body !== undefined ? body.replace(/}\s*$/, ', "tampered": true}') : body;
  return { method: route.method, url: signed.url, headers: signed.headers, body: sentBody };
}
