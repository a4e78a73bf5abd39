import type { MockRequest, MockResponse } from '../http/mock-exchange.ts';
import type { MockContext } from '../mock-context.ts';
import { associateKeypair } from './associate-keypair.ts';
import { authenticateHuawei, type HuaweiDenial } from './authenticate-huawei.ts';
import { batchAssociateKeypair } from './batch-associate-keypair.ts';
import { kpsError, type KpsOperation } from './kps-response.ts';
import { refuseOtherProject } from './project-scope.ts';
import { disassociateKeypair, listKeypairTask } from './supporting-operations.ts';

const ROUTES: { method: string; pattern: RegExp; op: KpsOperation; handle: (ctx: MockContext, req: MockRequest, match: RegExpMatchArray) => MockResponse }[] = [
  { method: 'POST', pattern: /^\/v3\/([^/]+)\/keypairs\/associate\/?$/, op: 'kps.associate', handle: (ctx, req) => associateKeypair(ctx, req) },
  {
    method: 'POST',
    pattern: /^\/v3\/([^/]+)\/keypairs\/batch-associate\/?$/,
    op: 'kps.batch-associate',
    handle: (ctx, req) => batchAssociateKeypair(ctx, req),
  },
  { method: 'POST', pattern: /^\/v3\/([^/]+)\/keypairs\/disassociate\/?$/, op: 'kps.other', handle: (ctx, req) => disassociateKeypair(ctx, req) },
  { method: 'GET', pattern: /^\/v3\/([^/]+)\/tasks\/([^/]+)\/?$/, op: 'kps.other', handle: (ctx, _req, m) => listKeypairTask(ctx, decodeSegment(m[2]!)) },
];

/**
 * The API gateway in front of KPS: route, authenticate, check the project, then the operation. Unknown
 * APIs are APIGW.0101; a project that is not the caller's is 403 (project-scope.ts), after the 401s.
 */
export function routeHuawei(ctx: MockContext, req: MockRequest): MockResponse {
  const byPath = ROUTES.map((r) => ({ route: r, match: req.path.match(r.pattern) })).filter((x) => x.match);
  const hit = byPath.find((x) => x.route.method === req.method);
  if (!hit) {
    const message = byPath.length > 0 ? 'The API does not exist.' : 'The API does not exist or has not been published in the environment.';
    return kpsError(ctx, 'kps.other', 404, 'APIGW.0101', message);
  }
  ctx.huawei.settle(ctx.now());
  const denied = authenticateHuawei(ctx, hit.route.op, req);
  if (!denied) return refuseOtherProject(ctx, hit.route.op, req, decodeSegment(hit.match![1]!)) ?? hit.route.handle(ctx, req, hit.match!);
  // The carried-out faults: the refusal is sent, but the bind behind it is done all the same.
  if (carriedOutAnyway(ctx, hit.route.op, denied)) hit.route.handle(ctx, req, hit.match!);
  return denied.response;
}

function carriedOutAnyway(ctx: MockContext, op: KpsOperation, denied: HuaweiDenial): boolean {
  if (op === 'kps.other') return false;
  return (
    (denied.reason === 'required' && ctx.broken('kps.auth.required:carried-out')) ||
    (denied.reason === 'bad-signature' && ctx.broken('kps.auth.bad-signature:carried-out'))
  );
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
