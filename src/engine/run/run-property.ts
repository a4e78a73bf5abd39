import fc from 'fast-check';
import type { Case } from '../cases/case.ts';
import type { Exchange } from '../transport/exchange.ts';
import type { EngineContext } from './engine-context.ts';
import { executeCase, judge } from './execute-case.ts';

/**
 * Runs generated cases as a fast-check property: each run sends a case and judges it. On a failure
 * fast-check shrinks to a smaller case that still fails, which is the counterexample the report keeps,
 * with the seed and path that replay it. Passing runs are recorded as they happen. In an exhaustive run
 * (fidelity) every case is sent and recorded as it is, and nothing is shrunk.
 */
export async function runProperty<T>(ctx: EngineContext, name: string, arbitrary: fc.Arbitrary<T>, toCase: (value: T) => Case, numRuns = ctx.settings.runs): Promise<void> {
  if (numRuns <= 0) return;
  const seed = (ctx.settings.seed ^ hash(name)) | 0;
  let first: { c: Case; exchange: Exchange } | undefined;
  const result = await fc.check(
    fc.asyncProperty(arbitrary, async (value) => {
      const c = toCase(value);
      const { exchange, failures } = await executeCase(ctx, c, false);
      if (ctx.settings.exhaustive) {
        // No early stop, no shrinking: the next case does not depend on this answer.
        judge(ctx, c, exchange, { seed, shrunk: false });
        return true;
      }
      // Passing runs count now; failures are recorded once, from the shrunk counterexample below.
      if (failures.length === 0) judge(ctx, c, exchange, { seed, shrunk: false });
      else first ??= { c, exchange };
      return failures.length === 0;
    }),
    { seed, numRuns, maxSkipsPerRun: 100, interruptAfterTimeLimit: 60_000 },
  );
  if (!result.failed || !first) return;
  if (result.counterexample) {
    const c = toCase(result.counterexample[0]);
    const again = await executeCase(ctx, c, false);
    if (again.failures.length > 0) {
      judge(ctx, c, again.exchange, { seed, path: result.counterexamplePath ?? undefined, shrunk: true });
      return;
    }
  }
  // The shrunk case no longer fails (a flaky target): keep the first failure as it happened.
  judge(ctx, first.c, first.exchange, { seed, shrunk: false });
}

/** A stable per-property offset, so properties of one run do not share a sequence. */
function hash(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
  return h >>> 0;
}
