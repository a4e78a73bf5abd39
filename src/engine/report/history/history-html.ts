import type { RunOutcome } from '../report-types.ts';
import { esc, OPERATION_HEADINGS } from '../html-page.ts';
import type { CellStatus, DriftStep, HistoryColumn, HistoryMatrix, HistoryRow } from './history-matrix.ts';

const OUTCOME_WORDS: Readonly<Record<RunOutcome, string>> = {
  conforms: 'Conforms',
  'does-not-conform': 'Does not conform',
  'could-not-run': 'Could not run',
  interrupted: 'Interrupted',
};

/** A night as a person names it: when it started (UTC, to the minute) and its seed. */
const when = (c: HistoryColumn) => `${new Date(c.startedAt).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
const nightName = (c: HistoryColumn) => `${when(c)} (seed ${c.seed})`;

/**
 * The history page: the drift between consecutive nights first (what a reader opens it for), the
 * nights that reached no verdict, then rule × night. One file, no script, nothing fetched.
 */
export function historyHtml(m: HistoryMatrix): string {
  const targets = [...new Set(m.columns.map((c) => c.target))].join(', ');
  const rules = m.groups.reduce((n, g) => n + g.rows.length, 0);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Conformance history: ${esc(targets)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px auto;max-width:1400px;color:#1b1f24;padding:0 16px}
h1{font-size:22px;margin:0 0 4px}.meta{color:#57606a;margin-bottom:16px}h2{font-size:16px;margin:18px 0 6px}h3{font-size:14px;margin:10px 0 4px}
ul{margin:4px 0 10px;padding-left:22px}code{font:12px ui-monospace,SFMono-Regular,Menlo,monospace;background:#f6f8fa;padding:1px 4px;border-radius:4px}
.wrap{overflow-x:auto}table{border-collapse:collapse;margin-bottom:22px}th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #eaeef2;white-space:nowrap}
thead th{background:#f6f8fa;vertical-align:bottom}th.night span{display:block;font-weight:400}th.night .outcome{font-weight:600}
tr.group th{background:#fff;font-size:15px;padding-top:14px}
.s{font-weight:600}.s-pass{color:#1a7f37}.s-fail{color:#cf222e}.s-warning{color:#9a6700}.s-skipped{color:#57606a}.s-absent{color:#8c959f;font-weight:400}
td.s-fail{background:#ffebe9}td.s-warning{background:#fff8c5}
.o-conforms{color:#1a7f37}.o-does-not-conform{color:#cf222e}.o-could-not-run{color:#8250df}.o-interrupted{color:#bc4c00}
li.no-verdict{font-weight:600}.level{color:#57606a;font-weight:400}
</style></head><body>
<h1>Conformance history of ${esc(targets)}</h1>
<div class="meta">${m.columns.length} night${m.columns.length === 1 ? '' : 's'} · ${rules} rules · from ${esc(when(m.columns[0]!))} to ${esc(when(m.columns[m.columns.length - 1]!))}</div>
${noVerdict(m.columns)}
<section id="drift"><h2>Drift</h2>
${m.drift.length === 0 ? '<p>One night: nothing to compare it with.</p>' : m.drift.map((s) => driftStep(s, m.columns)).join('\n')}
</section>
<section id="matrix"><h2>Rule × night</h2><div class="wrap"><table>
<thead><tr><th>Rule</th>${m.columns.map(header).join('')}</tr></thead>
${m.groups.map((g) => `<tbody><tr class="group"><th colspan="${m.columns.length + 1}">${esc(OPERATION_HEADINGS[g.operation] ?? g.operation)}</th></tr>\n${g.rows.map(row).join('\n')}</tbody>`).join('\n')}
</table></div></section>
</body></html>
`;
}

/** A night that reached no verdict: its skips are not the target's doing, so it says so apart from the drift. */
function noVerdict(columns: readonly HistoryColumn[]): string {
  const lines = columns.filter((c) => c.outcome === 'could-not-run' || c.outcome === 'interrupted');
  if (lines.length === 0) return '';
  const line = (c: HistoryColumn) =>
    `<li class="no-verdict o-${c.outcome}">${esc(nightName(c))}: ${esc(OUTCOME_WORDS[c.outcome].toLowerCase())}${c.couldNotRun.length ? ` — ${esc(c.couldNotRun.join('; '))}` : ''}</li>`;
  return `<section id="no-verdict"><h2>Nights without a verdict</h2><ul>${lines.map(line).join('')}</ul></section>`;
}

function driftStep(step: DriftStep, columns: readonly HistoryColumn[]): string {
  const title = `<h3>${esc(nightName(columns[step.from]!))} → ${esc(nightName(columns[step.to]!))}</h3>`;
  if (step.changes.length === 0) return `${title}<p class="no-change">No rule changed status.</p>`;
  const status = (s: CellStatus) => `<span class="s s-${s}">${s}</span>`;
  return `${title}<ul>${step.changes.map((c) => `<li><code>${esc(c.rule)}</code>: ${status(c.from)} → ${status(c.to)}</li>`).join('')}</ul>`;
}

function header(c: HistoryColumn): string {
  const title = `${c.source}${c.target ? ` · ${c.target}` : ''}`;
  return `<th class="night" title="${esc(title)}"><span class="date">${esc(when(c))}</span><span>seed ${c.seed}</span><span class="outcome o-${c.outcome}">${esc(OUTCOME_WORDS[c.outcome])}</span></th>`;
}

function row(r: HistoryRow): string {
  const cells = r.cells.map((cell) => `<td class="s s-${cell.status}" title="${esc(cell.detail)}">${cell.status}</td>`).join('');
  return `<tr class="rule"><th scope="row"><code>${esc(r.rule)}</code> <span class="level">${esc(r.level)}</span></th>${cells}</tr>`;
}
