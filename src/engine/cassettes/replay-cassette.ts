import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RuleId } from '../../rules/rules.ts';
import { SEQUENCE_RULES } from '../checks/registry.ts';
import { EngineContext } from '../run/engine-context.ts';
import { judge } from '../run/execute-case.ts';
import type { Cloud } from '../../families/api-families.ts';
import { rulesOf } from '../run/run-cloud.ts';
import { RuleTally } from '../verdicts/rule-tally.ts';
import type { RuleVerdict } from '../verdicts/rule-verdict.ts';
import type { Cassette } from './cassette.ts';
import { entryExchange } from './entry-exchange.ts';
import { offlineTarget } from './offline-target.ts';

/**
 * Judges a recorded run again, offline, with today's checks: each recorded exchange goes through every
 * check as if it had just been received. Rules decided over live sequences are skipped, saying so.
 */
export function replayCassette(dir: string, cloud: Cloud, seed: number): { verdicts: RuleVerdict[]; requests: number } {
  const file = join(dir, `${cloud}.cassette.json`);
  if (!existsSync(file)) {
    const tally = new RuleTally();
    for (const rule of rulesOf(cloud)) tally.skip(rule, `no cassette for ${cloud} in ${dir}`);
    return { verdicts: tally.verdicts(rulesOf(cloud)), requests: 0 };
  }
  const cassette = JSON.parse(readFileSync(file, 'utf8')) as Cassette;
  // The target's credentials are not needed offline: placeholders stand in for the variables it names.
  const ctx = new EngineContext(offlineTarget(cassette, 'replay'), { seed, runs: 0 });
  for (const e of cassette.exchanges) judge(ctx, e.case, entryExchange(e), { seed: cassette.seed, shrunk: false });
  for (const rule of SEQUENCE_RULES) ctx.tally.skip(rule as RuleId, 'decided over live sequences, which a cassette does not hold');
  return { verdicts: ctx.tally.verdicts(rulesOf(cloud), () => `no recorded exchange in ${file} exercised it`), requests: cassette.exchanges.length };
}
