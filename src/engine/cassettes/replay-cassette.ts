import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RuleId } from '../../rules/rules.ts';
import { SEQUENCE_RULES } from '../checks/registry.ts';
import { EngineContext } from '../run/engine-context.ts';
import { judge } from '../run/execute-case.ts';
import { rulesOf, type Cloud } from '../run/run-cloud.ts';
import { RuleTally } from '../verdicts/rule-tally.ts';
import type { RuleVerdict } from '../verdicts/rule-verdict.ts';
import type { Cassette } from './cassette.ts';
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
  const ctx = new EngineContext(offlineTarget(cassette, 'replay'), { seed, runs: 0, strict: false });
  for (const e of cassette.exchanges) {
    const json = typeof e.response === 'string' ? undefined : e.response;
    const text = typeof e.response === 'string' ? e.response : JSON.stringify(e.response);
    const headers: Record<string, string> = {};
    for (let i = 0; i + 1 < e.rawHeaders.length; i += 2) headers[e.rawHeaders[i]!] = e.rawHeaders[i + 1]!;
    const exchange = { request: { method: e.method, url: e.scope + e.path, headers: {}, ...(e.body !== undefined ? { body: e.body } : {}) }, response: { status: e.status, headers, text, json }, throttled: [], ms: 0 };
    judge(ctx, e.case, exchange, { seed: cassette.seed, shrunk: false });
  }
  for (const rule of SEQUENCE_RULES) ctx.tally.skip(rule as RuleId, 'decided over live sequences, which a cassette does not hold');
  return { verdicts: ctx.tally.verdicts(rulesOf(cloud), () => `no recorded exchange in ${file} exercised it`), requests: cassette.exchanges.length };
}
