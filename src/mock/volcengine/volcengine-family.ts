import type { MockContext } from '../mock-context.ts';
import type { MockFamily } from '../mock-family.ts';
import { ecsGatewayError } from './envelope.ts';
import { routeVolcengine } from './route-volcengine.ts';

/** A gateway error's ResponseMetadata before the operation is known (no Action or Version echoed). */
const bareMeta = (ctx: MockContext, requestId: string) => ({ RequestId: requestId, Service: 'ecs', Region: ctx.options.fixtures.volcengineRegion });

/** Volcengine ECS in the mock: AttachKeyPair and the OpenAPI gateway's answers, in its envelope. */
export const VOLCENGINE_MOCK_FAMILY: MockFamily = {
  route: routeVolcengine,
  throttled: (ctx, query) => {
    const params = new Map(query);
    const echo = { action: params.get('Action'), version: params.get('Version'), region: ctx.options.fixtures.volcengineRegion };
    return ecsGatewayError(ctx, echo, 429, 'FlowLimitExceeded', "You've reach the limit on request rate of resources.");
  },
  tooLarge: (ctx) => ({
    status: 413,
    body: {
      ResponseMetadata: { ...bareMeta(ctx, 'mock-entity-too-large'), Error: { Code: 'RequestEntityTooLarge', Message: 'The request entity is too large.' } },
    },
  }),
  internalError: (ctx) => ({
    status: 500,
    body: { ResponseMetadata: { ...bareMeta(ctx, 'mock-internal-error'), Error: { Code: 'InternalError', Message: 'An internal error has occurred.' } } },
  }),
  unreadable: (ctx) => ({
    ResponseMetadata: { ...bareMeta(ctx, 'mock-bad-request'), Error: { Code: 'InvalidAuthorization', Message: 'The request could not be read.' } },
  }),
  bindings: (ctx) => Object.fromEntries([...ctx.volcengine.instances.values()].map((i) => [i.id, i.keyPairId ?? null])),
};
