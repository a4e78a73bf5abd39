import type { RuleLevel } from '../../rules/rule.ts';
import type { Tier } from './outcome.ts';

/** A rule's comparison at one tier: cases equal, different, unsupported, not compared; score and coverage in %. */
export interface TierCount {
  readonly equal: number;
  readonly different: number;
  readonly unsupported: number;
  readonly notCompared: number;
  /** equal / (equal + different), in %; null when nothing was compared. */
  readonly score: number | null;
  /** (equal + different) / every reference case of the rule, in %. */
  readonly coverage: number;
}

/** Tier scores of several rules: the mean of the rule scores, and how much was compared. */
export interface AggregateScore {
  readonly score: number | null;
  /** Compared cases / every reference case of these rules, in %. */
  readonly coverage: number;
  readonly rulesScored: number;
  readonly rulesExercised: number;
  /** Rules the tier scores here at all: 0 for should-only operations at core and complete. */
  readonly rulesInTier: number;
}

/** One difference, as evidence: both answers as received (what was compared is their normalised form). */
export interface DifferenceRecord {
  readonly case: string;
  readonly title: string;
  readonly tier: Tier;
  readonly what: string;
  readonly reference: { readonly status: number; readonly body: string };
  readonly candidate: { readonly status: number; readonly body: string };
}

export interface RuleFidelity {
  readonly rule: string;
  readonly level: RuleLevel;
  readonly operation: string;
  readonly statement: string;
  /** null: the rule is not scored at that tier (core and complete score must and conflict rules). */
  readonly tiers: Readonly<Record<Tier, TierCount | null>>;
  readonly differences: readonly DifferenceRecord[];
  /** The first unsupported answers, as evidence. */
  readonly unsupported: readonly DifferenceRecord[];
  /** Conflict rules and others with documented variants: which variant each side showed, how often. */
  readonly variants?: { readonly reference: Readonly<Record<string, number>>; readonly candidate: Readonly<Record<string, number>> };
  /** Set when no case of the rule was compared: why (never shown as 100%). */
  readonly notCompared?: string;
}

export interface FidelitySideInfo {
  readonly name: string;
  readonly kind: 'target' | 'cassettes';
  /** The target file or the cassettes directory. */
  readonly source: string;
  readonly cases: number;
}

/** A gate on a tier's score or coverage, in %. */
export interface FidelityThreshold {
  readonly tier: Tier;
  readonly measure: 'score' | 'coverage';
  readonly min: number;
  /** What the tier measured; null when nothing was compared (a score gate is then not met). */
  readonly value: number | null;
  readonly met: boolean;
}

/** fidelity.json: a candidate scored against a reference, rule by rule, per operation and overall. */
export interface FidelityReport {
  readonly tool: 'keypair-conformance-fidelity';
  readonly reference: FidelitySideInfo;
  readonly candidate: FidelitySideInfo;
  readonly clouds: readonly string[];
  readonly seed: number;
  readonly runs: number;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly tiers: Readonly<Record<Tier, AggregateScore>>;
  readonly tierRules: Readonly<Record<Tier, string>>;
  readonly operations: readonly { readonly operation: string; readonly tiers: Readonly<Record<Tier, AggregateScore>> }[];
  readonly cases: {
    readonly reference: number;
    readonly compared: number;
    readonly equal: number;
    readonly different: number;
    readonly unsupported: number;
    readonly notSent: number;
    readonly diverged: number;
  };
  readonly transformers: readonly {
    readonly name: string;
    readonly description: string;
    readonly replaced: { readonly reference: number; readonly candidate: number };
  }[];
  /** --min-score and --min-coverage: what was asked of which tier, what it measured, and whether it held. */
  readonly thresholds: readonly FidelityThreshold[];
  readonly rules: readonly RuleFidelity[];
  /** What a reader must know before trusting the numbers: a side that gave no answer at all, and why. */
  readonly notes: readonly string[];
  /** 0: every threshold met; 1: one was not, a side gave no HTTP answer at all, or nothing was compared. */
  readonly exitCode: 0 | 1;
}
