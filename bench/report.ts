import type { LoadResult } from './load.ts';

export interface Row {
  readonly target: 'bare' | 'mock' | 'prism';
  readonly operation: string;
  /** Undefined when the target could not be measured (Prism did not start). */
  readonly result: LoadResult | undefined;
}

export const TARGETS = { prismRatio: 10, bareRatio: 0.5, p99Ms: 5 } as const;

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

/** Per operation: mock ÷ Prism, mock ÷ bare and the mock's p99, each against its target. */
export function ratioTable(rows: readonly Row[]): string {
  const operations = [...new Set(rows.map((r) => r.operation))];
  const find = (target: Row['target'], op: string) => rows.find((r) => r.target === target && r.operation === op)?.result;
  const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
  return table(
    ['operation', 'mock p99 < 5 ms', `mock ÷ Prism (≥ ${TARGETS.prismRatio}×)`, `mock ÷ bare (≥ ${TARGETS.bareRatio * 100}%)`],
    operations.map((op) => {
      const mock = find('mock', op);
      const prism = find('prism', op);
      const bare = find('bare', op);
      const p99 = mock ? `${fmt(mock.p99)} ms, ${verdict(mock.p99 < TARGETS.p99Ms)}` : 'n/a';
      const vsPrism = mock && prism && prism.rps > 0 ? ratioCell(mock.rps / prism.rps, `${fmt(mock.rps / prism.rps, 1)}×`, TARGETS.prismRatio) : 'n/a';
      const vsBare = mock && bare && bare.rps > 0 ? ratioCell(mock.rps / bare.rps, `${fmt((100 * mock.rps) / bare.rps)}%`, TARGETS.bareRatio) : 'n/a';
      return [op, p99, vsPrism, vsBare];
    }),
  );

  function ratioCell(value: number, text: string, target: number): string {
    return `${text}, ${verdict(value >= target)}`;
  }
}
