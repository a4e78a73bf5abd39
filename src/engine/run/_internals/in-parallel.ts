/**
 * Runs async jobs with at most `limit` at once. The engine uses it only for cases that change nothing
 * on the target (rejected requests), so their interleaving cannot change what later cases may predict.
 */
export async function inParallel(jobs: readonly (() => Promise<void>)[], limit = 4): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < jobs.length) await jobs[next++]!();
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, lane));
}
