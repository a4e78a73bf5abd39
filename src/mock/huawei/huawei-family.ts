import type { MockFamily } from '../mock-family.ts';
import { kpsErrorBody } from './kps-error-body.ts';
import { kpsError, newRequestId } from './kps-response.ts';
import { routeHuawei } from './route-huawei.ts';

/** Huawei Cloud KPS in the mock: the KPS operations and the API gateway's APIGW answers. */
export const HUAWEI_MOCK_FAMILY: MockFamily = {
  route: routeHuawei,
  throttled: (ctx) => kpsError(ctx, 'kps.other', 429, 'APIGW.0308', 'The throttling threshold has been reached.'),
  tooLarge: (ctx) => kpsError(ctx, 'kps.other', 413, 'APIGW.0201', 'Request entity too large.'),
  internalError: (ctx) => kpsError(ctx, 'kps.other', 500, 'APIGW.0601', 'Internal server error.'),
  unreadable: (ctx) => kpsErrorBody(ctx, 'APIGW.0201', 'API request error.', newRequestId()),
  bindings: (ctx) => {
    ctx.huawei.settle(Number.MAX_SAFE_INTEGER);
    return Object.fromEntries([...ctx.huawei.servers.values()].map((s) => [s.id, s.keypair ?? null]));
  },
};
