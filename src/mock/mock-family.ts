import type { MockRequest, MockResponse } from './http/mock-exchange.ts';
import type { MockContext } from './mock-context.ts';

/**
 * What the mock does for one API family: its operations (route), and the gateway's own answers in the
 * family's shape for what never reaches an operation (throttling, a body over the limit, a request the
 * HTTP parser refused, an internal error). `mock-families.ts` names one per cloud.
 */
export interface MockFamily {
  route(ctx: MockContext, req: MockRequest): MockResponse | Promise<MockResponse>;
  throttled(ctx: MockContext, query: readonly [string, string][]): MockResponse;
  tooLarge(ctx: MockContext): MockResponse;
  internalError(ctx: MockContext): MockResponse;
  /** The body for a request the HTTP parser refused (it gets a 400). */
  unreadable(ctx: MockContext): unknown;
  /** Each fixture's key pair now (null: none), after every due task has ended. */
  bindings(ctx: MockContext): Record<string, string | null>;
}
