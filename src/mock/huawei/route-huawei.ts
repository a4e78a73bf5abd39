import type { MockRequest, MockResponse } from '../http/mock-exchange.ts';
import type { MockContext } from '../mock-context.ts';
import { associateKeypair } from './associate-keypair.ts';
import { authenticateHuawei, type HuaweiDenial } from './authenticate-huawei.ts';
import { batchAssociateKeypair } from './batch-associate-keypair.ts';
import { kpsError, type KpsOperation } from './kps-response.ts';
import { refuseOtherProject } from './project-scope.ts';
import { disassociateKeypair, listKeypairTask } from './supporting-operations.ts';

interface Route {
  readonly method: string;
  readonly pattern: RegExp;
  readonly op: KpsOperation;
  readonly handle: (ctx: MockContext, req: MockRequest, match: RegExpMatchArray) => MockResponse;
}

const ROUTES: readonly Route[] = [
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
  let pathKnown = false;
  for (const route of ROUTES) {
    const match = route.pattern.exec(req.path);
    if (!match) continue;
    pathKnown = true;
    if (route.method === req.method) return routed(ctx, req, route, match);
  }
  const message = pathKnown ? 'The API does not exist.' : 'The API does not exist or has not been published in the environment.';
  return kpsError(ctx, 'kps.other', 404, 'APIGW.0101', message);
}

function routed(ctx: MockContext, req: MockRequest, route: Route, match: RegExpExecArray): MockResponse {
  ctx.huawei.settle(ctx.now());
  const denied = authenticateHuawei(ctx, route.op, req);
  if (!denied) return refuseOtherProject(ctx, route.op, req, decodeSegment(match[1]!)) ?? route.handle(ctx, req, match);
  // The carried-out faults: the refusal is sent, but the bind behind it is done all the same.
  if (carriedOutAnyway(ctx, route.op, denied)) route.handle(ctx, req, match);
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
