import type { AggregateScore, DifferenceRecord, FidelityReport, RuleFidelity, TierCount } from './fidelity-report.ts';
import { TIERS, type Tier } from './outcome.ts';
import { esc, OPERATION_HEADINGS as OPERATIONS } from '../report/html-page.ts';

// fidelity.html: one self-contained page (inline CSS and SVG, no script, nothing fetched) that a person
// opens from the report directory. It looks like summary.html on purpose and shares its escaping and
// operation headings; the rest is local so the two pages can change apart.

/** Bodies can be large (a batch of 100 instances): the page shows the start of each. */
const BODY_CHARS = 2000;

/** Scores are already rounded to 0.1 by the engine: shown as they are (100%, 95.4%). */
const pct = (n: number | null) => (n === null ? 'n/a' : `${n}%`);
/** Coverage in whole percent, except that an incomplete coverage never reads as 100%. */
const cov = (n: number) => `${n < 100 && Math.round(n) === 100 ? Math.floor(n * 10) / 10 : Math.round(n)}%`;
/** A score's colour class: full, close (≥ 90) or low; none when nothing was compared. */
const band = (n: number | null) => (n === null ? 'none' : n >= 100 ? 'full' : n >= 90 ? 'close' : 'low');
const verdictOf = (r: FidelityReport) =>
  r.exitCode !== 0
    ? { word: 'Below a threshold', cls: 'bad' }
    : r.thresholds.length === 0
      ? { word: 'No threshold set', cls: 'neutral' }
      : { word: 'Meets every threshold', cls: 'ok' };

/**
 * The fidelity page: who was compared with whom, the tier scores as a bar chart, per operation, then
 * rule × tier with the differences as evidence, what was normalised, the case totals and the thresholds.
 */
export function fidelityHtml(report: FidelityReport): string {
  const verdict = verdictOf(report);
  const c = report.cases;
  const title = `${report.candidate.name} vs ${report.reference.name}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Fidelity: ${esc(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px auto;max-width:1100px;color:#1b1f24;padding:0 16px}
h1{font-size:22px;margin:0 0 4px;overflow-wrap:anywhere} .meta{color:#57606a;margin-bottom:12px;overflow-wrap:anywhere}
h2{font-size:16px;margin:22px 0 6px}
.verdict{display:inline-block;padding:4px 10px;border-radius:6px;font-weight:600;color:#fff}
.ok{background:#1a7f37}.bad{background:#cf222e}.neutral{background:#57606a}
.thresholds ul{margin:6px 0 0;padding-left:20px}.met{color:#1a7f37;font-weight:600}.unmet{color:#cf222e;font-weight:600}
.totals{display:flex;flex-wrap:wrap;gap:12px;margin:8px 0 8px}.totals div{border:1px solid #d0d7de;border-radius:6px;padding:8px 14px;min-width:90px}
.totals b{display:block;font-size:20px}
table{border-collapse:collapse;width:100%;margin-bottom:12px}th,td{text-align:left;padding:5px 8px;border-bottom:1px solid #eaeef2;vertical-align:top}
th{background:#f6f8fa;font-weight:600;white-space:nowrap}
code{font:12px ui-monospace,SFMono-Regular,Menlo,monospace;background:#f6f8fa;padding:1px 4px;border-radius:4px;overflow-wrap:anywhere}
small,.dim{color:#57606a;font-size:12px}
dl.tiers{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;margin:8px 0}dl.tiers dt{font-weight:600}dl.tiers dd{margin:0}
.chart{max-width:100%;height:auto;display:block}
.chart .track{fill:#eaeef2}.chart .name{font-weight:600}.chart text{font-size:13px;fill:#1b1f24}
.chart .fill-full{fill:#1a7f37}.chart .fill-close{fill:#bf8700}.chart .fill-low{fill:#cf222e}.chart .min{stroke:#1b1f24;stroke-dasharray:3 2}
.sc{font-weight:600;white-space:nowrap}.sc-full{color:#1a7f37}.sc-close{color:#9a6700}.sc-low{color:#cf222e}.sc-none{color:#57606a}
td.tier{width:118px}td.agg{white-space:nowrap;width:150px}td.rule{white-space:nowrap} td.rule .variants,td.rule .not-compared{white-space:normal;overflow-wrap:anywhere}tr.overall td{font-weight:600;border-bottom:2px solid #d0d7de}
tr.group th{background:#fff;font-size:15px;padding-top:16px;border-bottom:2px solid #d0d7de}
tr.differs td:first-child,tr.unsupported td:first-child{box-shadow:inset 4px 0 #cf222e}tr.differs,tr.unsupported{background:#fff8f7}
tr.unsupported:not(.differs) td:first-child{box-shadow:inset 4px 0 #bf8700}
.mark{color:#cf222e;font-weight:700;margin-left:4px}
.notes{border:1px solid #d4a72c;background:#fff8c5;border-radius:6px;padding:8px 8px 8px 28px;margin:8px 0}
tr.evidence>td{background:#fff8f7;padding-top:0}
details{margin:2px 0 4px}summary{cursor:pointer}
.record{border:1px solid #eaeef2;border-radius:6px;padding:6px 8px;margin:6px 0;background:#fff}
.sides{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:10px}
pre{white-space:pre-wrap;overflow-wrap:anywhere;background:#f6f8fa;padding:8px;border-radius:6px;font-size:12px;margin:4px 0;max-height:360px;overflow:auto}
</style></head><body>
<h1>Fidelity of ${esc(report.candidate.name)} against ${esc(report.reference.name)}</h1>
<div class="meta">${sideLine('reference', report.reference)}<br>${sideLine('candidate', report.candidate)}<br>clouds ${esc(report.clouds.join(', '))} · seed ${esc(report.seed)} · ${esc(report.runs)} runs per property · ${esc(report.startedAt)} · ${(report.durationMs / 1000).toFixed(1)} s</div>
${report.notes.length > 0 ? `<ul id="notes" class="notes">${report.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>` : ''}
<section id="thresholds" class="thresholds"><span class="verdict ${verdict.cls}">${verdict.word}</span>${thresholdList(report)}</section>
<h2>Scores by tier</h2>
${chart(report)}
<dl class="tiers">${TIERS.map((t) => `<dt>${t}</dt><dd>${esc(report.tierRules[t])}</dd>`).join('')}</dl>
<h2>Cases</h2>
<div class="totals" id="cases"><div><b>${c.reference}</b>reference cases</div><div><b>${c.compared}</b>compared</div><div><b>${c.equal}</b>alike</div><div><b>${c.different}</b>different</div><div><b>${c.unsupported}</b>unsupported</div><div><b>${c.notSent}</b>not sent</div><div><b>${c.diverged}</b>diverged</div></div>
<h2>By operation</h2>
${operationTable(report)}
<h2>By rule</h2>
${ruleMatrix(report)}
<h2>Normalisations</h2>
<p class="dim">What was replaced in both answers before they were compared, and how often on each side.</p>
<table id="normalisations"><thead><tr><th>Normalisation</th><th>What it replaces</th><th>Reference</th><th>Candidate</th></tr></thead><tbody>
${report.transformers.map((t) => `<tr><td><code>${esc(t.name)}</code></td><td>${esc(t.description)}</td><td>${t.replaced.reference}</td><td>${t.replaced.candidate}</td></tr>`).join('\n')}
</tbody></table>
</body></html>
`;
}

function sideLine(label: string, side: FidelityReport['reference']): string {
  return `${label}: <b>${esc(side.name)}</b> (${esc(side.kind)} ${esc(side.source)}, ${side.cases} cases)`;
}

function thresholdList(report: FidelityReport): string {
  if (report.thresholds.length === 0) return '';
  return `<ul>${report.thresholds.map((t) => `<li data-tier="${t.tier}" data-measure="${t.measure}">${t.tier} ${t.measure} ≥ ${t.min}%: ${t.measure === 'score' ? 'scored' : 'covered'} ${pct(t.value)} — <span class="${t.met ? 'met' : 'unmet'}">${t.met ? 'met' : 'not met'}</span></li>`).join('')}</ul>`;
}

/**
 * One horizontal bar per tier, drawn as plain SVG so the page needs no script or library. Each bar is a
 * <g data-tier data-score> holding the tier's name, the track, the bar (absent when nothing was scored)
 * and the score with its coverage; a threshold on the tier is a dashed mark on the track.
 */
function chart(report: FidelityReport): string {
  const [labelW, trackW, rowH, barH] = [90, 440, 34, 18];
  const width = 820;
  const height = TIERS.length * rowH + 8;
  const label = (t: Tier) => `${pct(report.tiers[t].score)} · coverage ${cov(report.tiers[t].coverage)}`;
  const bars = TIERS.map((t, i) => {
    const a = report.tiers[t];
    const y = 4 + i * rowH;
    const fill =
      a.score === null
        ? ''
        : `<rect class="fill fill-${band(a.score)}" x="${labelW}" y="${y}" width="${((trackW * a.score) / 100).toFixed(1)}" height="${barH}" rx="3"/>`;
    const mins = report.thresholds
      .filter((x) => x.tier === t && x.measure === 'score')
      .map((x) => {
        const x0 = (labelW + (trackW * Math.min(100, Math.max(0, x.min))) / 100).toFixed(1);
        return `<line class="min" x1="${x0}" x2="${x0}" y1="${y - 3}" y2="${y + barH + 3}"><title>threshold ${x.min}%</title></line>`;
      });
    return `<g class="bar" data-tier="${t}" data-score="${a.score ?? ''}"><text class="name" x="${labelW - 10}" y="${y + 14}" text-anchor="end">${t}</text><rect class="track" x="${labelW}" y="${y}" width="${trackW}" height="${barH}" rx="3"/>${fill}${mins.join('')}<text class="value" x="${labelW + trackW + 12}" y="${y + 14}">${label(t)}</text><title>${t}: ${label(t)}, ${a.rulesScored} of ${a.rulesExercised} exercised rules scored</title></g>`;
  });
  const aria = `Scores by tier: ${TIERS.map((t) => `${t} ${label(t)}`).join('; ')}`;
  return `<svg class="chart" role="img" aria-label="${esc(aria)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg">${bars.join('')}</svg>`;
}

/** An aggregate's cell: score, then coverage and how many rules it averages, in small text. */
function aggregateCell(t: Tier, a: AggregateScore): string {
  if (a.rulesInTier === 0)
    return `<td class="agg" data-tier="${t}" data-score="" title="this tier scores none of these rules (should rules are scored at strict)">—</td>`;
  return `<td class="agg" data-tier="${t}" data-score="${a.score ?? ''}"><span class="sc sc-${band(a.score)}">${pct(a.score)}</span><br><small>coverage ${cov(a.coverage)} · ${a.rulesScored}/${a.rulesExercised} rules</small></td>`;
}

function operationTable(report: FidelityReport): string {
  const head = `<tr><th>Operation</th>${TIERS.map((t) => `<th title="${esc(report.tierRules[t])}">${t}</th>`).join('')}</tr>`;
  const row = (cls: string, op: string, name: string, tiers: FidelityReport['tiers']) =>
    `<tr class="${cls}" data-operation="${esc(op)}"><td>${name}</td>${TIERS.map((t) => aggregateCell(t, tiers[t])).join('')}</tr>`;
  const ops = orderedOperations(report.operations.map((o) => o.operation));
  const rows = ops.map((op) => row('', op, `${esc(OPERATIONS[op] ?? op)} <code>${esc(op)}</code>`, report.operations.find((o) => o.operation === op)!.tiers));
  return `<table id="operations"><thead>${head}</thead><tbody>
${row('overall', 'overall', 'every rule', report.tiers)}
${rows.join('\n')}</tbody></table>`;
}

/** The known operations in summary.html's order, then any other in the order first met. */
function orderedOperations(ops: readonly string[]): string[] {
  const present = new Set(ops);
  return [...Object.keys(OPERATIONS).filter((op) => present.has(op)), ...[...present].filter((op) => !(op in OPERATIONS))];
}

/** Rule × tier, one <tbody> per operation so the tier columns line up across operations. */
function ruleMatrix(report: FidelityReport): string {
  const head = `<tr><th>Rule</th><th>Level</th>${TIERS.map((t) => `<th title="${esc(report.tierRules[t])}">${t}</th>`).join('')}<th>Statement</th></tr>`;
  const groups = orderedOperations(report.rules.map((r) => r.operation)).map((op) => {
    const rows = report.rules.filter((r) => r.operation === op);
    return `<tbody data-operation="${esc(op)}"><tr class="group"><th colspan="${TIERS.length + 3}">${esc(OPERATIONS[op] ?? op)} <code>${esc(op)}</code></th></tr>
${rows.map(ruleRow).join('\n')}</tbody>`;
  });
  return `<table id="rules" class="matrix"><thead>${head}</thead>
${groups.join('\n')}</table>`;
}

/** Which documented variant each side showed (conflict rules): what a nightly run tracks. */
function variantLine(r: RuleFidelity): string {
  if (!r.variants) return '';
  const side = (v: Readonly<Record<string, number>>) =>
    Object.entries(v)
      .map(([k, n]) => `${esc(k)} ×${n}`)
      .join(', ') || 'none';
  return `<br><small class="variants">reference ${side(r.variants.reference)} · candidate ${side(r.variants.candidate)}</small>`;
}

function ruleRow(r: RuleFidelity): string {
  const counts = TIERS.map((t) => r.tiers[t]).filter((c): c is TierCount => c !== null);
  const differs = counts.some((c) => c.different > 0);
  const unsupported = counts.some((c) => c.unsupported > 0);
  const cls = [differs ? 'differs' : '', unsupported ? 'unsupported' : ''].filter(Boolean).join(' ');
  const mark = differs || unsupported ? `<span class="mark" title="${differs ? 'answers differ' : 'unsupported by the candidate'}">≠</span>` : '';
  const row = `<tr data-rule="${esc(r.rule)}"${cls ? ` class="${cls}"` : ''}><td class="rule"><code>${esc(r.rule)}</code>${mark}${variantLine(r)}${r.notCompared ? `<br><small class="not-compared">not compared: ${esc(r.notCompared)}</small>` : ''}</td><td>${esc(r.level)}</td>${TIERS.map((t) => tierCell(t, r.tiers[t])).join('')}<td>${esc(r.statement).replace(/`([^`]+)`/g, '<code>$1</code>')}</td></tr>`;
  // The evidence gets a full-width row under its rule: two bodies side by side need the room.
  const evidence = [
    r.differences.length > 0
      ? records(`Differences: ${r.differences.length} of ${r.tiers.strict?.different ?? r.differences.length} shown`, r.differences)
      : '',
    r.unsupported.length > 0
      ? records(`Unsupported: ${r.unsupported.length} of ${r.tiers.strict?.unsupported ?? r.unsupported.length} shown`, r.unsupported)
      : '',
  ].join('');
  return evidence ? `${row}\n<tr class="evidence" data-evidence="${esc(r.rule)}"><td colspan="${TIERS.length + 3}">${evidence}</td></tr>` : row;
}

/** "—": this tier does not score the rule; "n/a": it does, but no case of it was compared. */
function tierCell(t: Tier, c: TierCount | null): string {
  if (c === null) return `<td class="tier" data-tier="${t}" data-score="" title="not scored at ${t}"><span class="sc sc-none">—</span></td>`;
  const title = `${c.equal} equal, ${c.different} different, ${c.unsupported} unsupported, ${c.notCompared} not compared; coverage ${c.coverage}%`;
  const extra = [
    c.different > 0 ? `${c.different} differ` : '',
    c.unsupported > 0 ? `${c.unsupported} unsupported` : '',
    c.notCompared > 0 ? `${c.notCompared} not compared` : '',
  ].filter(Boolean);
  const small = `${c.equal}/${c.equal + c.different} alike${extra.length > 0 ? ` · ${extra.join(' · ')}` : ''}`;
  return `<td class="tier" data-tier="${t}" data-score="${c.score ?? ''}" title="${esc(title)}"><span class="sc sc-${band(c.score)}">${pct(c.score)}</span><br><small>${small}</small></td>`;
}

function records(summary: string, list: readonly DifferenceRecord[]): string {
  return `<details><summary>${esc(summary)}</summary>${list.map(record).join('')}</details>`;
}

function record(d: DifferenceRecord): string {
  const side = (label: string, a: DifferenceRecord['reference']) =>
    `<div class="side"><b>${label}</b>: status <b>${a.status}</b><pre>${esc(body(a.body))}</pre></div>`;
  return `<div class="record" data-case="${esc(d.case)}"><div><b>${esc(d.title)}</b> — case <code>${esc(d.case)}</code> · differs at ${esc(d.tier)}: ${esc(d.what)}</div>
<div class="sides">${side('Reference', d.reference)}${side('Candidate', d.candidate)}</div></div>`;
}

/** The body as it was answered (compact JSON wraps densely, so more of it is seen); cut after BODY_CHARS. */
function body(text: string): string {
  return text.length > BODY_CHARS ? `${text.slice(0, BODY_CHARS)}… (${text.length - BODY_CHARS} more characters)` : text;
}
