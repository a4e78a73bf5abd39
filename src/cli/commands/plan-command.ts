import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { planCloud } from '../../engine/run/plan-cloud.ts';
import { redact } from '../../engine/target/redact.ts';
import { loadTargetFile } from '../../engine/target/load-target-file.ts';
import { TargetFileError } from '../../engine/target/target-file-error.ts';
import { UsageError } from '../usage-error.ts';
import { CLOUDS } from '../../families/api-families.ts';
import { parseOnly } from '../_internals/parse-only.ts';

export const PLAN_USAGE = `Usage: npx conformance plan --target FILE [--only ${CLOUDS.join('|')}] [--seed N] [--runs N]

Prints what a run would send to the target, sending nothing: each kind of case, how many requests,
and the first one (credentials redacted). Use it before a first live run.`;

/** `npx conformance plan`: the run's requests, built and printed, none sent. */
export async function planCommand(argv: string[]): Promise<number> {
  let values;
  try {
    values = parseArgs({
      args: argv,
      options: { target: { type: 'string' }, only: { type: 'string' }, seed: { type: 'string' }, runs: { type: 'string' } },
      strict: true,
    }).values;
  } catch (error) {
    throw new UsageError(`conformance plan: ${(error as Error).message}. Run npx conformance plan --help.`);
  }
  if (!values.target) throw new UsageError('conformance plan: --target FILE is needed: the plan is for a target.');
  let target;
  try {
    // plan sends nothing: the credentials are not needed, and not asked for.
    target = loadTargetFile(resolve(values.target), process.env, { credentials: 'placeholder' });
  } catch (error) {
    if (error instanceof TargetFileError) throw new UsageError(error.message);
    throw error;
  }
  const only = parseOnly('plan', values.only);
  for (const flag of ['seed', 'runs'] as const) {
    if (values[flag] !== undefined && !/^\d+$/.test(values[flag])) throw new UsageError(`conformance plan: --${flag} ${values[flag]} is not a whole number.`);
  }
  // The same default as run: a random seed, printed, so `run --seed N` sends what this plan shows.
  const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed) | 0;
  const settings = { seed, runs: Number(values.runs ?? 100) };
  let total = 0;
  let mutating = 0;
  for (const cloud of CLOUDS) {
    if (only && only !== cloud) continue;
    const planned = await planCloud(cloud, target, settings);
    if (planned.length === 0) continue;
    console.log(`\n${cloud} (${target[cloud]!.endpoint})`);
    for (const p of planned) {
      total += p.count;
      if (p.mutating) mutating += p.count;
      const first = redact(p.first, target.secrets);
      const url = new URL(first.url);
      const shown = `${first.method} ${url.pathname}${url.search.length > 90 ? `${url.search.slice(0, 90)}…` : url.search}`;
      console.log(
        `  ${String(p.count).padStart(4)} × ${p.title}\n         ${shown}${first.body ? `  ${first.body.length > 100 ? `${first.body.slice(0, 100)}…` : first.body}` : ''}`,
      );
    }
  }
  console.log(`\nseed ${seed}: npx conformance run --target ${values.target} --seed ${seed}${values.runs ? ` --runs ${values.runs}` : ''} sends these cases.`);
  console.log(
    `${total} requests would be sent (${mutating} to binding operations, only on the target file's fixtures and ids that exist nowhere); none was sent.`,
  );
  console.log(
    `safety: maxRequests ${target.safety.maxRequests}, requestsPerSecond ${target.safety.requestsPerSecond || 'unlimited'}, requestTimeoutMs ${target.safety.requestTimeoutMs}.`,
  );
  return 0;
}
