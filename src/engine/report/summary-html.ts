import type { ConformanceReport, ReportedVerdict } from './report-types.ts';
import { esc, OPERATION_HEADINGS as OPERATIONS } from './html-page.ts';
import { ruleAnchor, SUMMARY_TOP_CSS, summaryTopHtml, verdictHtml } from './_internals/summary-top-html.ts';

/**
 * The one-page summary a person opens in a browser: the verdict and totals, what broke, was not decided
 * or not restored, then rule × status grouped by operation, failures expanded with what was received,
 * what the documents say, and how to reproduce it.
 */
export function summaryHtml(report: ConformanceReport): string {
  const s = report.summary;
  const groups = Object.keys(OPERATIONS)
    .map((op) => ({ op, rows: report.results.filter((r) => r.operation === op) }))
    .filter((g) => g.rows.length > 0);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Conformance: ${esc(report.target.name)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px auto;max-width:1100px;color:#1b1f24;padding:0 16px}
h1{font-size:22px;margin:0 0 4px} .meta{color:#57606a;margin-bottom:16px}
.verdict{display:inline-block;padding:4px 10px;border-radius:6px;font-weight:600;color:#fff}
.ok{background:#1a7f37}.bad{background:#cf222e}
.totals{display:flex;flex-wrap:wrap;gap:12px;margin:12px 0 20px}.totals div{border:1px solid #d0d7de;border-radius:6px;padding:8px 14px;min-width:90px}
.totals b{display:block;font-size:20px}
table{border-collapse:collapse;width:100%;margin-bottom:22px}th,td{text-align:left;padding:5px 8px;border-bottom:1px solid #eaeef2;vertical-align:top}
th,td:nth-child(-n+4){white-space:nowrap}td:last-child{overflow-wrap:anywhere;width:100%}
th{background:#f6f8fa;font-weight:600}h2{font-size:16px;margin:18px 0 6px}
.s{font-weight:600;white-space:nowrap}.s-pass{color:#1a7f37}.s-fail{color:#cf222e}.s-warn{color:#9a6700}.s-skipped{color:#57606a}
code{font:12px ui-monospace,SFMono-Regular,Menlo,monospace;background:#f6f8fa;padding:1px 4px;border-radius:4px}
${SUMMARY_TOP_CSS}
details{margin-top:4px}pre{white-space:pre-wrap;overflow-wrap:anywhere;background:#f6f8fa;padding:8px;border-radius:6px;font-size:12px;margin:4px 0}
</style></head><body>
<h1>Conformance of ${esc(report.target.name)}</h1>
<div class="meta">${esc(
    Object.entries(report.target.endpoints)
      .map(([k, v]) => `${k}: ${v}`)
      .join(' · '),
  )} · seed ${report.seed} · ${report.runs} runs per property${report.strict ? ' · strict' : ''} · ${report.requests} requests · ${(report.durationMs / 1000).toFixed(1)} s · ${esc(report.startedAt)}${report.partial ? ` · partial: ${esc(report.partial)}` : ''}</div>
${verdictHtml(report)}
<div class="totals"><div><b>${s.pass}</b>passed</div><div><b>${s.fail}</b>failed</div><div><b>${s.skipped}</b>skipped</div><div><b>${s.failedMust + s.failedConflict}</b>must / conflict failed</div><div><b>${s.failedShould}</b>should failed</div></div>
${summaryTopHtml(report)}
${groups.map((g) => section(OPERATIONS[g.op]!, g.rows, report.strict)).join('\n')}
</body></html>
`;
}

function section(title: string, rows: readonly ReportedVerdict[], strict: boolean): string {
  const order = { fail: 0, skipped: 1, pass: 2 } as const;
  const sorted = [...rows].sort((a, b) => order[a.status] - order[b.status]);
  return `<h2>${esc(title)}</h2><table><thead><tr><th>Status</th><th>Level</th><th>Rule</th><th>Cases</th><th>Detail</th></tr></thead><tbody>
${sorted.map((r) => row(r, strict)).join('\n')}</tbody></table>`;
}

function row(r: ReportedVerdict, strict: boolean): string {
  const warn = r.status === 'fail' && r.level === 'should' && !strict;
  const cls = warn ? 'warn' : r.status;
  const label = warn ? 'warning' : r.status;
  let detail = esc(r.statement).replace(/`([^`]+)`/g, '<code>$1</code>');
  if (r.status === 'skipped') detail += `<br><i>Skipped: ${esc(r.reason)}</i>`;
  if (r.variants)
    detail += `<br>Variants seen: ${esc(
      Object.entries(r.variants)
        .map(([k, n]) => `${k} (${n})`)
        .join(', '),
    )}`;
  r.failures.forEach((f, i) => {
    detail += `<details${i === 0 ? ' open' : ''}><summary><b>${esc(f.title)}</b> — case <code>${esc(f.case.id)}</code></summary>
<pre>Received: ${esc(f.received)}\nDocumented: ${esc(f.documented)}\nThe documents: ${esc(f.documents.statement)} (${esc(f.documents.source)})\n\n${esc(f.request.method)} ${esc(f.request.url)}${f.request.body ? `\n${esc(f.request.body.slice(0, 1500))}` : ''}</pre>
Reproduce with: <code>${esc(f.replay)}</code>${f.shrunk ? ' (shrunk)' : ''} · property seed ${f.seed}${f.path ? ` · path ${esc(f.path)}` : ''}</details>`;
  });
  return `<tr id="${esc(ruleAnchor(r.rule))}"><td class="s s-${cls}">${esc(label)}</td><td>${esc(r.level)}</td><td><code>${esc(r.rule)}</code></td><td>${r.casesRun}</td><td>${detail}</td></tr>`;
}
