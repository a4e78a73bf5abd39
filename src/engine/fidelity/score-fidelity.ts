import { RULES, type RuleId } from '../../rules/rules.ts';
import type { Rule } from '../../rules/rule.ts';
import type { AggregateScore, DifferenceRecord, RuleFidelity, TierCount } from './fidelity-report.ts';
import { TIERS, type Tier } from './outcome.ts';
import type { CasePair } from './pair-cases.ts';

/** Differences and unsupported answers kept per rule as evidence. */
const EVIDENCE_PER_RULE = 3;

/** Which rules each tier scores: core and complete the must and conflict rules, strict every rule. */
export const TIER_RULES: Readonly<Record<Tier, (rule: Rule) => boolean>> = {
  core: (r) => r.level !== 'should',
  complete: (r) => r.level !== 'should',
  strict: () => true,
};

export const TIER_WORDS: Readonly<Record<Tier, string>> = {
  core: 'must and conflict rules: status, media type, request id and body shape',
  complete: "must and conflict rules: also the error code and every entry's result",
  strict: 'every rule, should ones too: also messages and every value, after normalisation',
};

const percent = (n: number, of: number) => Math.round((1000 * n) / of) / 10;

/** Scores each rule of `rules` over the case pairs, tier by tier. */
export function scoreRules(pairs: readonly CasePair[], rules: readonly RuleId[]): RuleFidelity[] {
  return RULES.filter((r) => rules.includes(r.id)).map((rule) => {
    const mine = pairs.filter((p) => p.rules.includes(rule.id));
    const tier = (t: Tier): TierCount | null => {
      if (!TIER_RULES[t](rule)) return null;
      let equal = 0;
      let different = 0;
      let unsupported = 0;
      let notCompared = 0;
      for (const p of mine) {
        if (p.status === 'unsupported') unsupported++;
        else if (p.status !== 'compared') notCompared++;
        else if (p.difference && TIERS.indexOf(p.difference.tier) <= TIERS.indexOf(t) && p.charged.includes(rule.id)) different++;
        else equal++;
      }
      const compared = equal + different;
      return {
        equal,
        different,
        unsupported,
        notCompared,
        score: compared > 0 ? percent(equal, compared) : null,
        coverage: mine.length > 0 ? percent(compared, mine.length) : 0,
      };
    };
    return {
      rule: rule.id,
      level: rule.level,
      operation: rule.operation,
      statement: rule.statement,
      tiers: { core: tier('core'), complete: tier('complete'), strict: tier('strict') },
      differences: mine
        .filter((p) => p.status === 'compared' && p.charged.includes(rule.id))
        .slice(0, EVIDENCE_PER_RULE)
        .map(evidence),
      unsupported: mine
        .filter((p) => p.status === 'unsupported')
        .slice(0, EVIDENCE_PER_RULE)
        .map(evidence),
      ...variantsOf(mine, rule.id),
      ...notCompared(mine),
    };
  });
}

/** Why a rule with no compared case was not compared, in words a reader can act on. */
function notCompared(pairs: readonly CasePair[]): Pick<RuleFidelity, 'notCompared'> {
  if (pairs.some((p) => p.status === 'compared')) return {};
  if (pairs.length === 0)
    return {
      notCompared: 'no case of the run reached it on the reference (nothing exercised it: a throttle that never came, a fixture the target file lacks)',
    };
  if (pairs.every((p) => p.status === 'unsupported')) return { notCompared: 'the candidate does not support any case that reaches it' };
  return { notCompared: "the candidate's earlier answers made the run send other cases, or it was not sent there" };
}

/** How often each side showed each documented variant of the rule, over the pairs both answered. */
function variantsOf(pairs: readonly CasePair[], rule: RuleId): Pick<RuleFidelity, 'variants'> {
  const count = (side: 'reference' | 'candidate') => {
    const seen: Record<string, number> = {};
    for (const p of pairs) {
      const j = p[side]?.judgements.get(rule);
      if (j?.startsWith('variant ')) seen[j.slice(8)] = (seen[j.slice(8)] ?? 0) + 1;
    }
    return seen;
  };
  const reference = count('reference');
  const candidate = count('candidate');
  return Object.keys(reference).length + Object.keys(candidate).length > 0 ? { variants: { reference, candidate } } : {};
}

function evidence(p: CasePair): DifferenceRecord {
  return {
    case: p.key,
    title: p.reference.case.title,
    tier: p.difference!.tier,
    what: p.difference!.what,
    reference: p.reference.answer,
    candidate: p.candidate!.answer,
  };
}

/** The mean of the scored rules' scores at a tier, with the share of their cases that was compared. */
export function aggregate(rules: readonly RuleFidelity[], t: Tier): AggregateScore {
  const counts = rules.map((r) => r.tiers[t]).filter((c): c is TierCount => c !== null);
  const exercised = counts.filter((c) => c.equal + c.different + c.unsupported + c.notCompared > 0);
  const scored = exercised.filter((c) => c.score !== null);
  const all = exercised.reduce((n, c) => n + c.equal + c.different + c.unsupported + c.notCompared, 0);
  const compared = exercised.reduce((n, c) => n + c.equal + c.different, 0);
  return {
    score: scored.length > 0 ? Math.round((10 * scored.reduce((n, c) => n + c.score!, 0)) / scored.length) / 10 : null,
    coverage: all > 0 ? percent(compared, all) : 0,
    rulesScored: scored.length,
    rulesExercised: exercised.length,
    rulesInTier: counts.length,
  };
}
