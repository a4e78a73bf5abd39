import type { AggregateScore, FidelityReport, RuleFidelity } from './fidelity-report.ts';
import { TIERS } from './outcome.ts';

const pct = (n: number | null) => (n === null ? '  n/a' : `${n.toFixed(1)}%`.padStart(6));
const cell = (a: AggregateScore) => (a.rulesInTier === 0 ? '     —' : `${pct(a.score)} (${a.coverage.toFixed(0).padStart(3)}% cov)`);

/** The end-of-run text for a terminal: tier scores, per operation, the rules that differ, thresholds. */
export function fidelityTable(report: FidelityReport): string {
  const header = `${'SCOPE'.padEnd(28)} ${TIERS.map((t) => t.toUpperCase().padEnd(18)).join(' ')}`;
  const row = (name: string, tiers: FidelityReport['tiers']) => `${name.padEnd(28)} ${TIERS.map((t) => cell(tiers[t]).padEnd(18)).join(' ')}`;
  const below = report.rules.filter((r) => TIERS.some((t) => (r.tiers[t]?.different ?? 0) > 0 || (r.tiers[t]?.unsupported ?? 0) > 0));
  const width = Math.max(4, ...below.map((r) => r.rule.length));
  const ruleLine = (r: RuleFidelity) => {
    const s = r.tiers.strict!;
    const first = r.differences[0] ?? r.unsupported[0];
    const note = first ? `${first.what}: ${first.case}, reference ${first.reference.status}, candidate ${first.candidate.status}` : '';
    return `${r.rule.padEnd(width)} ${r.level.padEnd(8)} ${TIERS.map((t) => (r.tiers[t] === null ? '     —' : pct(r.tiers[t]!.score))).join(' ')}  ${String(s.different).padStart(4)} differ ${String(s.unsupported).padStart(4)} unsupported  ${note}`;
  };
  const c = report.cases;
  return [
    `Fidelity of ${report.candidate.name} against ${report.reference.name} · seed ${report.seed} · runs ${report.runs} · ${(report.durationMs / 1000).toFixed(1)} s`,
    ...report.notes.map((n) => `NOTE: ${n}`),
    '',
    header,
    row('overall', report.tiers),
    ...report.operations.map((o) => row(`  ${o.operation}`, o.tiers)),
    '',
    below.length === 0
      ? report.cases.compared > 0
        ? 'Every compared case was answered alike.'
        : 'No case was compared.'
      : `${'RULE'.padEnd(width)} LEVEL     CORE COMPLETE STRICT`,
    ...below.map(ruleLine),
    '',
    `${c.reference} reference cases: ${c.compared} compared (${c.equal} alike, ${c.different} different), ${c.unsupported} unsupported, ${c.notSent} not sent, ${c.diverged} diverged`,
    `normalised: ${
      report.transformers
        .filter((t) => t.replaced.reference + t.replaced.candidate > 0)
        .map((t) => `${t.name} ${t.replaced.reference}/${t.replaced.candidate}`)
        .join(', ') || 'nothing'
    }`,
    ...report.rules.filter((r) => r.notCompared).map((r) => `NOT COMPARED ${r.rule}: ${r.notCompared}`),
    ...report.thresholds.map(
      (t) =>
        `${t.met ? 'MET    ' : 'NOT MET'} --min-${t.measure} ${t.tier}=${t.min}: ${t.tier} ${t.measure === 'score' ? 'scored' : 'covered'} ${t.value === null ? 'nothing (no case compared)' : `${t.value}%`}`,
    ),
  ].join('\n');
}
