import type { MockContext } from './mock-context.ts';

/**
 * Of the rules a request breaks, in the order the mock finds them, the one whose error it answers: the
 * first or the last, as `severalBroken` says (RULES.md: any one of them may be answered).
 */
export function pickBroken<T>(ctx: MockContext, found: readonly T[]): T | undefined {
  return ctx.readings.severalBroken === 'last' ? found[found.length - 1] : found[0];
}
