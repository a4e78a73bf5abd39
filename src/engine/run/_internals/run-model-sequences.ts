import fc from 'fast-check';

/**
 * Runs model-based sequences. Their commands judge as they go and never assert, so a sequence fails
 * only by throwing: the error is rethrown as it was (a spent budget, a target that stopped answering),
 * not wrapped in fast-check's report, so the run can end cleanly on it.
 */
export async function runModelSequences<T>(property: fc.IAsyncProperty<T>, params: fc.Parameters<T>): Promise<void> {
  const result = await fc.check(property, params);
  if (result.failed) throw result.errorInstance ?? new Error(`a model sequence failed (seed ${result.seed}, path ${result.counterexamplePath})`);
}
