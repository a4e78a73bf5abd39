import { instanceRuleOfCode } from '../../rules/instance-kinds.ts';
import { RULES, type RuleId } from '../../rules/rules.ts';
import { specOperation } from '../cases/spec-operation.ts';
import { echoesRequest, ownerOf, SEQUENCE_RULES } from '../checks/registry.ts';
import { firstDifference, TIERS, type Tier } from './outcome.ts';
import { locateDifference, statusPlace } from './locate-difference.ts';
import type { RuleJudgement } from './judgements.ts';
import type { KeyedExchange } from './side-exchanges.ts';

/** How one reference case fared on the candidate. */
export type PairStatus = 'compared' | 'unsupported' | 'not-sent' | 'diverged';

/** One reference case beside the candidate's answer to the same case. */
export interface CasePair {
  readonly key: string;
  readonly reference: KeyedExchange;
  readonly candidate?: KeyedExchange;
  readonly status: PairStatus;
  /** The first tier at which the answers differ, and what differs. */
  readonly difference?: { readonly tier: Tier; readonly what: string };
  /** The rules the pair counts for: what the reference's checks judged, the case's own rules, what is charged. */
  readonly rules: readonly RuleId[];
  /** The rules a difference is charged to (see chargedRules). */
  readonly charged: readonly RuleId[];
}

/** The documents leave open which error a request breaking several rules gets (RULES.md, top). */
export const SEVERAL_BROKEN_RULES = {
  name: 'several-broken-rules',
  description: 'a request that breaks several rules may get the error of any one of them (RULES.md) → compared at core only: status, media type, shape',
  applies: (x: KeyedExchange) => x.case.expect.kind === 'reject' && x.case.expect.rules.length > 1,
} as const;

const GENERIC = /\.(status-documented|response-schema|content-type|rejects-invalid|accepts-valid|no-server-error|request-id)$/;
const KNOWN = new Set<string>(RULES.map((r) => r.id));

/** Pairs every reference case with the candidate's case of the same key. */
export function pairCases(reference: readonly KeyedExchange[], candidate: readonly KeyedExchange[]): CasePair[] {
  const byKey = new Map(candidate.map((x) => [x.key, x]));
  return reference.map((ref): CasePair => {
    const cand = byKey.get(ref.key);
    const own = ref.case.expect.rules.filter((r) => KNOWN.has(r));
    const base = [...new Set([...ref.judgements.keys(), ...own])];
    if (!cand) return { key: ref.key, reference: ref, status: 'not-sent', rules: base, charged: [] };
    // The candidate's earlier answers made the suite send another request here.
    if (cand.fingerprint !== ref.fingerprint) return { key: ref.key, reference: ref, candidate: cand, status: 'diverged', rules: base, charged: [] };
    // Where no rule holds on one side and breaks on the other, a member of one side only is optional.
    const optionalMembers = brokenOnOneSide(ref, cand).length === 0;
    let difference = raiseForBrokenRules(firstDifference(ref.outcome, cand.outcome, optionalMembers), ref, cand);
    // RULES.md: a request that breaks several rules may get the error of any one: only core is compared.
    if (difference && difference.tier !== 'core' && SEVERAL_BROKEN_RULES.applies(ref)) difference = undefined;
    if (difference && unsupported(ref, cand)) {
      return { key: ref.key, reference: ref, candidate: cand, status: 'unsupported', difference, rules: base, charged: [] };
    }
    const charged = difference ? withBindingRule(chargedRules(ref, cand), difference, ref, cand) : [];
    return { key: ref.key, reference: ref, candidate: cand, status: 'compared', difference, rules: [...new Set([...base, ...charged])], charged };
  });
}

/**
 * The candidate does not implement what was asked: 501, or 404 or a status the spec does not document
 * with a body the operation does not document either. An answer in the API's own shape, even with the
 * wrong status, is the candidate's answer and is compared.
 */
function unsupported(ref: KeyedExchange, cand: KeyedExchange): boolean {
  const status = cand.outcome.status;
  // No answer at all (a reset, a timeout) is the candidate failing, not a feature it lacks.
  if (status === ref.outcome.status || status === 0) return false;
  if (status === 501) return true;
  const documented = status !== 404 && specOperation(ref.case.operation).responses.some((r) => r.status === status);
  return !documented && !cand.speaksApi;
}

/**
 * A rule that holds on one side and breaks on the other makes a difference at least at complete (which
 * scores every must rule), at core when it is a status or schema rule, even where the answers compare
 * alike (an empty task_id is still a string; a throttled retry leaves no trace in the final answer).
 */
function raiseForBrokenRules(
  difference: { tier: Tier; what: string } | undefined,
  ref: KeyedExchange,
  cand: KeyedExchange,
): { tier: Tier; what: string } | undefined {
  const broken = brokenOnOneSide(ref, cand);
  if (broken.length === 0) return difference;
  const floor: Tier = broken.some((r) => /\.(status-documented|response-schema)$/.test(r)) ? 'core' : 'complete';
  if (difference && TIERS.indexOf(floor) >= TIERS.indexOf(difference.tier)) return difference;
  const by = ref.judgements.get(broken[0]!) === 'fail' ? 'the reference' : 'the candidate';
  return { tier: floor, what: `${broken.join(', ')} broken by ${by}${difference ? `; the answers differ in ${difference.what}` : ''}` };
}

/** Every rule either side's checks judged on the pair. */
function judgedRules(ref: KeyedExchange, cand: KeyedExchange): RuleId[] {
  return [...new Set([...ref.judgements.keys(), ...cand.judgements.keys()])];
}

const CONFLICTS = new Set<string>(RULES.filter((r) => r.level === 'conflict').map((r) => r.id));

/**
 * A judgement as fidelity compares it: a documented variant is a difference only for a conflict rule
 * (200 against 202); for any other rule it is the rule holding, whichever reading the side showed
 * (RULES.md: where the documents leave room every reading passes; the variants are still reported).
 */
function compared(rule: RuleId, j: RuleJudgement | undefined): RuleJudgement | undefined {
  return j?.startsWith('variant ') && !CONFLICTS.has(rule) ? 'held' : j;
}

/** True when the two sides' checks concluded differently on a rule, as fidelity compares them. */
const concludedApart = (r: RuleId, ref: KeyedExchange, cand: KeyedExchange) => compared(r, ref.judgements.get(r)) !== compared(r, cand.judgements.get(r));

/** The rules one side breaks and the other keeps. */
function brokenOnOneSide(ref: KeyedExchange, cand: KeyedExchange): RuleId[] {
  return judgedRules(ref, cand).filter((r) => (ref.judgements.get(r) === 'fail') !== (cand.judgements.get(r) === 'fail'));
}

/**
 * Which rules a difference counts against, the most telling that applies, so that a fault that breaks
 * one rule lowers that rule only:
 * 1. no answer at all: the rules that noticed it and the case's own;
 * 2. the rules one side breaks and the other keeps;
 * 3. the rules of which each side showed another documented variant (200 against 202);
 * 4. one side accepted and the other refused: accepts-valid, rejects-invalid or no-server-error;
 * 5. the case's own rules, or the rules that own the place that differs (locateDifference);
 * 6. the rules whose checks concluded differently; else the case's most specific judged rules.
 */
export function chargedRules(ref: KeyedExchange, cand: KeyedExchange): RuleId[] {
  const all = judgedRules(ref, cand);
  const failing = brokenOnOneSide(ref, cand);
  const own = ref.case.expect.rules.filter((r) => KNOWN.has(r));
  // No answer at all fails the case's own purpose too, whichever check noticed it.
  if (ref.outcome.status === 0 || cand.outcome.status === 0) return [...new Set([...failing, ...own])];
  // An instance's own error answered for the whole request (or the reverse) is that instance rule's.
  const perInstance = perInstanceOwner(ref, cand);
  if (perInstance) return [perInstance];
  // A ClientToken sequence's case (a replay, a mismatch) owns an idempotency answer on either side
  // (IdempotentParameterMismatch, IdempotentProcessing) of another status or code, before any generic rule.
  const idempotency = (x: KeyedExchange) => x.outcome.code.startsWith('Idempotent');
  const apart = ref.outcome.status !== cand.outcome.status || ref.outcome.code !== cand.outcome.code;
  // (A case meant to be refused and accepted stays rejects-invalid's.)
  const sequence = apart && ref.case.expect.kind !== 'reject' && (idempotency(ref) || idempotency(cand)) ? own.filter((r) => SEQUENCE_RULES.includes(r)) : [];
  if (failing.length > 0) return sequence.length > 0 && failing.every((r) => GENERIC.test(r)) ? [...new Set([...sequence, ...failing])] : failing;
  // Each side showed another documented variant of a conflict (200 against 202, Failed against FAILED).
  const variant = (j: RuleJudgement | undefined) => j?.startsWith('variant ') === true;
  const otherVariant = all.filter((r) => CONFLICTS.has(r) && variant(ref.judgements.get(r)) && variant(cand.judgements.get(r)) && concludedApart(r, ref, cand));
  if (otherVariant.length > 0) return otherVariant;
  // A probe's answer is its rule's evidence (a refused request shown to have changed something later).
  if (ref.case.expect.probes && own.length > 0) return [...own];
  if (sequence.length > 0 && ref.outcome.status !== cand.outcome.status) return sequence;
  const byClass = statusClassRule(ref, cand);
  if (byClass) return [byClass];
  const located = locateDifference(ref, cand);
  // The case's own rules, unless the place that differs belongs to other rules: a rule decided over a
  // sequence (a ClientToken replay) owns its whole answer; a checked one held alike on both sides.
  if (own.length > 0) {
    const ownsAll = own.some((r) => SEQUENCE_RULES.includes(r));
    return located && (located.every((r) => own.includes(r) || echoesRequest(r)) || !ownsAll) ? located : [...own];
  }
  if (located) return located;
  const changed = all.filter((r) => concludedApart(r, ref, cand));
  if (changed.length > 0) return changed;
  const judged = [...ref.judgements.keys()];
  const specific = judged.filter((r) => !GENERIC.test(r));
  return specific.length > 0 ? specific : judged;
}

/**
 * Core and complete score only must and conflict rules: a status difference charged to should rules
 * alone would vanish from them, so the must or conflict rules that both sides' checks judged, differently
 * (a 200 where the reference showed 202: success-status), are charged too.
 */
function withBindingRule(charged: RuleId[], difference: { tier: Tier; what: string }, ref: KeyedExchange, cand: KeyedExchange): RuleId[] {
  const binding = (r: RuleId) => RULES.find((x) => x.id === r)?.level !== 'should';
  if (difference.what !== 'status' || charged.some(binding)) return charged;
  const rules = judgedRules(ref, cand);
  // Judged on both sides, differently: another documented variant, not a check that applies to one answer only.
  const judgedApart = (r: RuleId) => ref.judgements.has(r) && cand.judgements.has(r) && concludedApart(r, ref, cand);
  return [...charged, ...rules.filter((r) => binding(r) && judgedApart(r))];
}

/** The generic rule that owns a change of status class (2xx ↔ 4xx, or a 5xx on one side), as its check declares. */
function statusClassRule(ref: KeyedExchange, cand: KeyedExchange): RuleId | undefined {
  return ownerOf(statusPlace(ref, cand));
}

/** Where one side gave per-instance entries and the other refused the whole request with an instance's code. */
function perInstanceOwner(ref: KeyedExchange, cand: KeyedExchange): RuleId | undefined {
  if (ref.case.operation !== 'ecs.attach-key-pair') return undefined;
  const whole = (x: KeyedExchange) => (x.outcome.status !== 200 ? instanceRuleOfCode(x.outcome.code) : undefined);
  const hasEntries = (x: KeyedExchange) => x.outcome.status === 200 && x.outcome.entries.length > 0;
  if (hasEntries(ref) && whole(cand)) return whole(cand);
  if (hasEntries(cand) && whole(ref)) return whole(ref);
  return undefined;
}
