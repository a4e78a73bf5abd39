import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SpecValidators } from '../../spec/spec-validators.ts';
import type { Cassette } from '../cassettes/cassette.ts';
import { CassetteRecorder } from '../cassettes/cassette-recorder.ts';
import { offlineTarget } from '../cassettes/offline-target.ts';
import { checkContext } from '../checks/check.ts';
import type { Cloud } from '../../families/api-families.ts';
import { rulesOf, runCloud } from '../run/run-cloud.ts';
import type { ResolvedTarget } from '../target/resolved-target.ts';
import type { FidelityReport, FidelityThreshold } from './fidelity-report.ts';
import { TIERS } from './outcome.ts';
import { pairCases, SEVERAL_BROKEN_RULES, type CasePair } from './pair-cases.ts';
import { aggregate, scoreRules, TIER_WORDS } from './score-fidelity.ts';
import { CONCURRENT_DUPLICATES, keyExchanges } from './side-exchanges.ts';
import { TRANSFORMERS } from './transformers.ts';

/** Where a side's answers come from: a target the suite runs against now, or a recorded run. */
export type FidelitySource =
  | { readonly kind: 'target'; readonly name: string; readonly target: ResolvedTarget; readonly restore: boolean }
  | { readonly kind: 'cassettes'; readonly dir: string };

export interface FidelityOptions {
  readonly reference: FidelitySource;
  readonly candidate: FidelitySource & { kind: 'target' };
  readonly clouds: readonly Cloud[];
  readonly seed: number;
  readonly runs: number;
  /** The run's nonce; a cassette reference brings its own. */
  readonly nonce?: string;
  readonly thresholds: readonly Pick<FidelityThreshold, 'tier' | 'measure' | 'min'>[];
  /** Called with each request sent, per side and cloud, for progress. */
  readonly onSend?: (side: 'reference' | 'candidate', cloud: Cloud) => void;
}

/** A cloud's cassette from a recorded reference, or undefined when the directory holds none. */
export function readCassette(dir: string, cloud: Cloud): Cassette | undefined {
  const file = join(dir, `${cloud}.cassette.json`);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Cassette) : undefined;
}

/**
 * Sends the same cases (same seed, same nonce, every property run in full and unshrunk) to the reference
 * and the candidate, or takes the reference's from its cassettes, pairs them case by case, and scores the
 * candidate rule by rule, per operation and overall, at each tier.
 */
export async function runFidelity(
  options: FidelityOptions,
): Promise<{ report: FidelityReport; cassettes: { side: 'reference' | 'candidate'; cassette: Cassette }[] }> {
  const started = Date.now();
  const nonce = options.nonce ?? randomBytes(4).toString('hex');
  const validators = new SpecValidators();
  const notes: string[] = [];
  let silent = 0;
  const record = async (
    side: 'reference' | 'candidate',
    source: FidelitySource & { kind: 'target' },
    cloud: Cloud,
  ): Promise<{ cassette: Cassette; target: ResolvedTarget }> => {
    const recorder = new CassetteRecorder('', cloud, source.target);
    const settings = { seed: options.seed, runs: options.runs, exhaustive: true, nonce, restore: source.restore, observe: recorder.record.bind(recorder) };
    const { verdicts } = await runCloud(cloud, source.target, settings, () => options.onSend?.(side, cloud));
    const cassette = recorder.cassette({ seed: options.seed, runs: options.runs, nonce, exhaustive: true });
    // A side that answered nothing leaves every case unscored: say why, from the run's own skip reason.
    if (cassette.exchanges.length === 0) {
      silent++;
      notes.push(
        `the ${side} (${cloud} at ${source.target[cloud]!.endpoint}) gave no HTTP answer: ${verdicts.find((v) => v.reason)?.reason ?? 'no request was answered'}`,
      );
    }
    return { cassette, target: source.target };
  };
  const referenceOf = async (cloud: Cloud) => {
    if (options.reference.kind === 'target') return record('reference', options.reference, cloud);
    const cassette = readCassette(options.reference.dir, cloud)!;
    return { cassette, target: offlineTarget(cassette, 'fidelity') };
  };
  const sides = await Promise.all(
    options.clouds.map(async (cloud) => {
      const [reference, candidate] = await Promise.all([referenceOf(cloud), record('candidate', options.candidate, cloud)]);
      notes.push(...fixtureMismatches(cloud, reference.cassette, candidate.cassette));
      const ref = keyExchanges(reference.cassette, checkContext(validators, reference.target));
      const cand = keyExchanges(candidate.cassette, checkContext(validators, candidate.target));
      return { cloud, reference, candidate, ref, cand, pairs: pairCases(ref.exchanges, cand.exchanges) };
    }),
  );

  const pairs: CasePair[] = sides.flatMap((s) => s.pairs);
  const rules = scoreRules(
    pairs,
    options.clouds.flatMap((c) => rulesOf(c)),
  );
  const tiers = Object.fromEntries(TIERS.map((t) => [t, aggregate(rules, t)])) as FidelityReport['tiers'];
  const operations = [...new Set(rules.map((r) => r.operation))].map((operation) => {
    const of = rules.filter((r) => r.operation === operation);
    return { operation, tiers: Object.fromEntries(TIERS.map((t) => [t, aggregate(of, t)])) as FidelityReport['tiers'] };
  });
  const thresholds = options.thresholds.map(({ tier, measure, min }): FidelityThreshold => {
    const value = measure === 'score' ? tiers[tier].score : tiers[tier].coverage;
    return { tier, measure, min, value, met: value !== null && value >= min };
  });
  const count = (status: CasePair['status']) => pairs.filter((p) => p.status === status).length;
  const compared = pairs.filter((p) => p.status === 'compared');
  const sum = (side: 'ref' | 'cand', name: string) => sides.reduce((n, s) => n + (s[side].transformed.get(name) ?? 0), 0);
  const report: FidelityReport = {
    tool: 'keypair-conformance-fidelity',
    reference:
      options.reference.kind === 'target'
        ? { name: options.reference.name, kind: 'target', source: options.reference.target.file, cases: sides.reduce((n, s) => n + s.ref.exchanges.length, 0) }
        : {
            name: `cassettes in ${options.reference.dir}`,
            kind: 'cassettes',
            source: options.reference.dir,
            cases: sides.reduce((n, s) => n + s.ref.exchanges.length, 0),
          },
    candidate: {
      name: options.candidate.name,
      kind: 'target',
      source: options.candidate.target.file,
      cases: sides.reduce((n, s) => n + s.cand.exchanges.length, 0),
    },
    clouds: options.clouds,
    seed: options.seed,
    runs: options.runs,
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    tiers,
    tierRules: TIER_WORDS,
    operations,
    cases: {
      reference: pairs.length,
      compared: compared.length,
      equal: compared.filter((p) => !p.difference).length,
      different: compared.filter((p) => p.difference).length,
      unsupported: count('unsupported'),
      notSent: count('not-sent'),
      diverged: count('diverged'),
    },
    transformers: [
      ...[...TRANSFORMERS, CONCURRENT_DUPLICATES].map((t) => ({
        name: t.name,
        description: t.description,
        replaced: { reference: sum('ref', t.name), candidate: sum('cand', t.name) },
      })),
      {
        name: SEVERAL_BROKEN_RULES.name,
        description: SEVERAL_BROKEN_RULES.description,
        replaced: {
          reference: pairs.filter((p) => SEVERAL_BROKEN_RULES.applies(p.reference)).length,
          candidate: pairs.filter((p) => p.candidate && SEVERAL_BROKEN_RULES.applies(p.candidate)).length,
        },
      },
    ],
    thresholds,
    rules,
    notes,
    // A comparison that compared nothing, or a side that answered nothing, is no pass, whatever was asked.
    exitCode: thresholds.every((t) => t.met) && compared.length > 0 && silent === 0 ? 0 : 1,
  };
  return {
    report,
    cassettes: sides.flatMap((s) => [
      { side: 'reference' as const, cassette: s.reference.cassette },
      { side: 'candidate' as const, cassette: s.candidate.cassette },
    ]),
  };
}

/**
 * Fixture lists of other lengths on the two sides: the plan picks ids by their place in the lists, so
 * cases on the missing places cannot be paired (they show as diverged or not sent). Said up front.
 */
function fixtureMismatches(cloud: Cloud, reference: Cassette, candidate: Cassette): string[] {
  const lists = (c: Cassette) => {
    const out = new Map<string, number>();
    const walk = (node: unknown, path: string) => {
      if (Array.isArray(node)) out.set(path, node.length);
      else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) walk(v, path ? `${path}.${k}` : k);
    };
    // A target file as recorded (cassette.ts): its cloud's member, when it has one, holds the fixture lists.
    walk((c.target[cloud] as { fixtures?: unknown } | undefined)?.fixtures, `${cloud}.fixtures`);
    return out;
  };
  const a = lists(reference);
  const b = lists(candidate);
  const differing = [...new Set([...a.keys(), ...b.keys()])].filter((k) => (a.get(k) ?? 0) !== (b.get(k) ?? 0));
  return differing.length === 0
    ? []
    : [
        `the target files list other numbers of fixtures (${differing.map((k) => `${k}: ${a.get(k) ?? 0} on the reference, ${b.get(k) ?? 0} on the candidate`).join('; ')}): cases on the places one side lacks cannot be paired. Give both the same fixture lists.`,
      ];
}
