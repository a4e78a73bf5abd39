// summary.html's first screen, "the morning after": the verdict with why none could be reached, then
// what broke, what was not decided and what was left changed, before the per-operation tables.
import type { ConformanceReport } from '../report-types.ts';
import { esc } from '../html-page.ts';
import { capped, couldNotRunSubject, failingRules, notRestored, OUTCOME_WORDS, statusLabel, undecidedByReason } from './report-digest.ts';

/** Rule ids shown per "Not decided" line: the tables below list every rule anyway. */
const MAX_IDS = 10;

/** The id of a rule's row in the tables, which "What broke" links to. */
export const ruleAnchor = (rule: string): string => `rule-${rule}`;

/** The badge's class per outcome: no verdict gets a colour of its own, never the pass or fail one. */
const BADGE = { conforms: 'ok', 'does-not-conform': 'bad', 'could-not-run': 'norun', interrupted: 'norun' } as const;

export const SUMMARY_TOP_CSS = `.norun{background:#8250df}
.could-not-run{margin:8px 0 0;padding-left:20px;color:#6639ba}
.top{border:1px solid #d0d7de;border-radius:6px;padding:4px 14px 10px;margin:0 0 20px;overflow-wrap:anywhere}
.top h3{font-size:15px;margin:10px 0 4px}.top p{margin:2px 0 4px}.top ul{margin:0;padding-left:20px}.top li{margin:2px 0}
tr:target{background:#fff8c5}`;

/** The verdict badge and, right under it, why part of the run reached no verdict. */
export function verdictHtml(report: ConformanceReport): string {
  const word = `${OUTCOME_WORDS[report.outcome]}${report.partial ? ' (partial run)' : ''}`;
  const reasons = (report.couldNotRun ?? []).map((c) => `<li><b>${esc(couldNotRunSubject(c))}</b>: ${esc(c.reason)}</li>`);
  return `<span class="verdict ${BADGE[report.outcome]}">${esc(word)}</span>${reasons.length > 0 ? `\n<ul class="could-not-run">${reasons.join('')}</ul>` : ''}`;
}

/** What broke, what was not decided (grouped by reason), what was not restored; empty parts are left out. */
export function summaryTopHtml(report: ConformanceReport): string {
  const parts: string[] = [];
  const failing = failingRules(report);
  if (failing.length > 0) {
    const items = failing.map((r) => {
      const title = r.failures[0]?.title ?? r.reason ?? 'failed';
      return `<li><span class="s s-${statusLabel(r, report.strict) === 'warning' ? 'warn' : 'fail'}">${statusLabel(r, report.strict)}</span> ${esc(r.level)} <a href="#${esc(ruleAnchor(r.rule))}"><code>${esc(r.rule)}</code></a>: ${esc(title)}</li>`;
    });
    parts.push(`<h3>What broke</h3><ul class="what-broke">${items.join('')}</ul>`);
  }
  const groups = undecidedByReason(report);
  if (groups.length > 0) {
    const items = groups.map((g) => {
      const ids = capped(g.rules, MAX_IDS);
      const list = ids.shown.map((id) => `<code>${esc(id)}</code>`).join(', ') + (ids.leftOut > 0 ? ` and ${ids.leftOut} more` : '');
      return `<li><b>${g.rules.length}</b> ${g.rules.length === 1 ? 'rule' : 'rules'}: ${esc(g.reason)} <span class="ids">(${list})</span></li>`;
    });
    parts.push(`<h3>Not decided</h3><ul class="not-decided">${items.join('')}</ul>`);
  }
  const left = notRestored(report);
  if (left.length > 0) {
    const items = left.map((r) => `<li><code>${esc(r.resource)}</code>: ${esc(r.detail)}</li>`);
    parts.push(
      `<h3>Not restored</h3><p>The run changed ${left.length} of ${report.restore.length} fixtures and could not put them back:</p><ul class="not-restored">${items.join('')}</ul>`,
    );
  }
  return parts.length > 0 ? `<section class="top" aria-label="What to look at first">${parts.join('\n')}</section>` : '';
}
