import type { LoadResult } from './load.ts';
import type { StageCost } from './mock-stages.ts';

export interface Row {
  readonly target: 'bare' | 'mock' | 'prism';
  readonly operation: string;
  /** Undefined when the target could not be measured (Prism did not start). */
  readonly result: LoadResult | undefined;
}

/** Issue 16's goals, each a ratio of two targets measured in the same run. */
export const TARGETS = { prismRatio: 15, bareRatio: 0.5, p99VsBare: 2 } as const;

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) => `| ${cells.map((c, i) => (i === 0 || i === 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i < 2 ? `-${'-'.repeat(w)}-` : `-${'-'.repeat(w)}:`)).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

function statuses(r: LoadResult): string {
  return (
    Object.entries(r.statusCodes)
      .map(([code, n]) => `${code}×${fmt(n)}`)
      .join(' ') || 'none'
  );
}

/** The measurements, one row per target and operation, as a Markdown table. */
export function resultTable(rows: readonly Row[]): string {
  return table(
    ['target', 'operation', 'req/s', 'p99 ms', 'requests', 'statuses', 'errors'],
    rows.map(({ target, operation, result: r }) =>
      r
        ? [target, operation, fmt(r.rps), fmt(r.p99), fmt(r.total), statuses(r), fmt(r.errors)]
        : [target, operation, 'n/a', 'n/a', 'n/a', 'not measured', 'n/a'],
    ),
  );
}

const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');

/**
 * Per operation, each goal as a same-run ratio: mock ÷ bare and mock ÷ Prism (req/s), and the mock's p99
 * ÷ bare's p99. autocannon keeps whole milliseconds, so a bare p99 under 1 ms counts as 1 ms.
 */
export function ratioTable(rows: readonly Row[]): string {
  const operations = [...new Set(rows.map((r) => r.operation))];
  const find = (target: Row['target'], op: string) => rows.find((r) => r.target === target && r.operation === op)?.result;
  return table(
    ['operation', `mock ÷ bare (≥ ${TARGETS.bareRatio * 100}%)`, `mock ÷ Prism (≥ ${TARGETS.prismRatio}×)`, `mock p99 ÷ bare p99 (≤ ${TARGETS.p99VsBare}×)`],
    operations.map((op) => {
      const mock = find('mock', op);
      const prism = find('prism', op);
      const bare = find('bare', op);
      const vsBare = mock && bare && bare.rps > 0 ? cell(`${fmt((100 * mock.rps) / bare.rps)}%`, mock.rps / bare.rps >= TARGETS.bareRatio) : 'n/a';
      const vsPrism = mock && prism && prism.rps > 0 ? cell(`${fmt(mock.rps / prism.rps, 1)}×`, mock.rps / prism.rps >= TARGETS.prismRatio) : 'n/a';
      const p99 = mock && bare ? p99Cell(mock.p99, bare.p99) : 'n/a';
      return [op, vsBare, vsPrism, p99];
    }),
  );
}

function cell(text: string, ok: boolean): string {
  return `${text}, ${verdict(ok)}`;
}

function p99Cell(mockMs: number, bareMs: number): string {
  const ratio = mockMs / Math.max(1, bareMs);
  return cell(`${fmt(ratio, 1)}× (${fmt(mockMs)} ÷ ${fmt(Math.max(1, bareMs))} ms)`, ratio <= TARGETS.p99VsBare);
}

/**
 * What bounds mock ÷ bare: the mock's in-process cost per request beside bare's whole cost per request
 * on the wire (1 ÷ its req/s) and the mock's budget at the goal (bare's time ÷ 0.5, HTTP included).
 */
export function stageTable(costs: readonly StageCost[], rows: readonly Row[]): string {
  return table(
    ['operation', 'signature check µs', 'whole decision µs', 'bare: whole request µs', `budget at ${TARGETS.bareRatio * 100}% of bare µs`, 'decision ÷ budget'],
    costs.map((c) => {
      const bare = rows.find((r) => r.target === 'bare' && r.operation === c.operation)?.result;
      const bareUs = bare && bare.rps > 0 ? 1e6 / bare.rps : undefined;
      const budgetUs = bareUs === undefined ? undefined : bareUs / TARGETS.bareRatio;
      const us = (n: number | undefined) => (n === undefined ? 'n/a' : fmt(n, 1));
      return [c.operation, us(c.verifyUs), us(c.decisionUs), us(bareUs), us(budgetUs), budgetUs ? `${fmt((100 * c.decisionUs) / budgetUs)}%` : 'n/a'];
    }),
  );
}
