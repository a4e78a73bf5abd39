import fc from 'fast-check';
import type { Case } from '../cases/case.ts';
import type { EngineContext } from './engine-context.ts';
import type { CaseOrigin } from '../verdicts/rule-tally.ts';
import { executeCase, type ExecutedCase } from './execute-case.ts';
import { inParallel } from './_internals/in-parallel.ts';

/**
 * Runs generated cases as a fast-check property: each run sends a case and judges it, once (the outcomes
 * executeCase returns are what is recorded, under the property's seed). On a failure fast-check shrinks
 * to a smaller case that still fails, which is the counterexample the report keeps, with the seed and
 * path that replay it. Passing runs are recorded as they happen. In an exhaustive run (fidelity) every
 * case is sent and recorded as it is, and nothing is shrunk. In the decide pass only
 * the first DECIDE_RUNS cases are sent; the rest are queued for the explore pass, under another seed.
 * `before` runs before each case is built, and what it gives is handed to `toCase` with the value (a
 * Huawei property leases its fresh servers there: each case its own, when parts run side by side).
 */
export async function runProperty<T, P = void>(
  ctx: EngineContext,
  name: string,
  arbitrary: fc.Arbitrary<T>,
  toCase: (value: T, prepared: P) => Case,
  numRuns = ctx.settings.runs,
  before?: () => Promise<P>,
): Promise<void> {
  if (numRuns <= 0) return;
  // Deciding: the first cases now; the rest once every rule of the run has been decided.
  // Fidelity (exhaustive) keeps every property whole: both sides get the same cases either way.
  if (ctx.pass === 'decide' && !ctx.settings.exhaustive && numRuns > DECIDE_RUNS) {
    // The rest in EXPLORE_PARTS parts, each its own property (own seed, own shrinking), so that a
    // parallel run can send them side by side; a serial run sends the same parts one after another.
    const rest = numRuns - DECIDE_RUNS;
    const size = Math.ceil(rest / EXPLORE_PARTS);
    const parts = Array.from({ length: Math.ceil(rest / size) }, (_, i) => Math.min(size, rest - i * size));
    ctx.later(() =>
      inParallel(
        parts.map((runs, i) => () => runProperty(ctx, `${name}/explore${i === 0 ? '' : `/${i}`}`, arbitrary, toCase, runs, before)),
        ctx.parallel ? ctx.concurrency : 1,
      ),
    );
    numRuns = DECIDE_RUNS;
  }
  const seed = (ctx.settings.seed ^ hash(name)) | 0;
  let first: { c: Case; executed: ExecutedCase } | undefined;
  const record = (c: Case, { exchange, outcomes }: ExecutedCase, origin: CaseOrigin) => ctx.tally.record(outcomes, c, exchange, origin);
  const result = await fc.check(
    fc.asyncProperty(arbitrary, async (value) => {
      const c = toCase(value, (await before?.()) as P);
      const executed = await executeCase(ctx, c, false);
      if (ctx.settings.exhaustive) {
        // No early stop, no shrinking: the next case does not depend on this answer.
        record(c, executed, { seed, shrunk: false });
        return true;
      }
      // Passing runs count now; failures are recorded once, from the shrunk counterexample below.
      if (executed.failures.length === 0) record(c, executed, { seed, shrunk: false });
      else first ??= { c, executed };
      return executed.failures.length === 0;
    }),
    // Deciding does not shrink: on a live account each shrinking step is another request (and another
    // lease of a fresh server), which would spend the budget before the other rules are decided.
    { seed, numRuns, maxSkipsPerRun: 100, interruptAfterTimeLimit: 60_000, endOnFailure: ctx.pass === 'decide' },
  );
  if (!result.failed || !first) return;
  if (result.counterexample) {
    const c = toCase(result.counterexample[0], (await before?.()) as P);
    const again = await executeCase(ctx, c, false);
    if (again.failures.length > 0) {
      record(c, again, { seed, path: result.counterexamplePath ?? undefined, shrunk: true });
      return;
    }
  }
  // The shrunk case no longer fails (a flaky target): keep the first failure as it happened.
  record(first.c, first.executed, { seed, shrunk: false });
}

/** The explore pass sends the rest of a property in this many parts (of as many cases each as can be). */
export const EXPLORE_PARTS = 4;

/** Cases of each property sent in the decide pass: enough to decide its rules, few enough for a live budget. */
export const DECIDE_RUNS = 2;

/** A stable per-property offset, so properties of one run do not share a sequence. */
function hash(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
  return h >>> 0;
}
