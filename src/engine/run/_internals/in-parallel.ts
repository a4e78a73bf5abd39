/**
 * Runs async jobs with at most `limit` at once (1: in order). The engine uses it only for jobs whose
 * interleaving cannot change what any case predicts: cases that change nothing on the target (rejected
 * requests), or parts that each lease their own servers. Waits for every job, then rethrows the first error.
 */
export async function inParallel(jobs: readonly (() => Promise<unknown>)[], limit = 4): Promise<void> {
  let next = 0;
  let failed: { error: unknown } | undefined;
  const lane = async () => {
    while (next < jobs.length && !failed) {
      try {
        await jobs[next++]!();
      } catch (error) {
        failed ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), jobs.length) }, lane));
  if (failed) throw failed.error;
}
