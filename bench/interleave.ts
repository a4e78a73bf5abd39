import type { RawResult } from 'autocannon';
import type { BenchConfig } from './config.ts';
import { combine, run, type LoadResult, type LoadTarget } from './load.ts';

/**
 * Measures several targets with the same request shape, interleaved: a warm-up of each, then
 * `config.seconds` rounds in which each target gets a 1-second slice in turn. Every target gets the same
 * measured time, and load from elsewhere on the machine falls on all of them alike, so the ratios hold
 * even when the absolute numbers drift during a run.
 */
export async function measureInterleaved(targets: readonly LoadTarget[], config: BenchConfig): Promise<LoadResult[]> {
  for (const target of targets) await run(target, config.warmupSeconds, config.connections);
  const slices: RawResult[][] = targets.map(() => []);
  for (let round = 0; round < config.seconds; round++) {
    for (const [i, target] of targets.entries()) slices[i]!.push(await run(target, 1, config.connections));
  }
  return targets.map((target, i) => combine(target, slices[i]!, config.connections));
}
