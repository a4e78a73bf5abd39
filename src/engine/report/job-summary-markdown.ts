import { capped, couldNotRunSubject, failingRules, notRestored, OUTCOME_WORDS, statusLabel, undecidedByReason } from './_internals/report-digest.ts';
import type { ConformanceReport } from './report-types.ts';

// GitHub caps a step summary at 1 MiB: every list is capped and every free text cut, so the summary stays
// a few tens of KiB whatever the run; summary.html and conformance.json hold the rest.
const MAX_FAILING = 40;
const MAX_GROUPS = 15;
const MAX_IDS = 10;
const MAX_FIXTURES = 30;
const MAX_TEXT = 240;

const ICON = { conforms: '✅', 'does-not-conform': '❌', 'could-not-run': '⚠️', interrupted: '⚠️' } as const;

/** Text for Markdown (and a table cell): one line, no raw HTML, no column breaks, cut to `max`. */
function md(text: string, max = MAX_TEXT): string {
  const line = text.replace(/\s+/g, ' ').trim();
  const cut = line.length > max ? `${line.slice(0, max - 1)}…` : line;
  return cut
    .replace(/[\\`*_[\]|]/g, '\\$&')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** A code span that survives backticks in its text; in a table row a pipe must be escaped even there. */
function code(text: string, inTable = false): string {
  const line = text.replace(/\s+/g, ' ');
  const inner = inTable ? line.replace(/\|/g, '\\|') : line;
  return line.includes('`') ? `\`\` ${inner} \`\`` : `\`${inner}\``;
}

const more = (n: number, what: string) => (n > 0 ? [`…and ${n} more ${what} (see summary.html or conformance.json).`] : []);

/**
 * The GitHub job summary ($GITHUB_STEP_SUMMARY): the outcome, the counts, then what to act on the morning
 * after (failing rules with their replay command, undecided rules by reason, fixtures left changed, why
 * part of the run could not run). Short by design: the full evidence is in summary.html.
 */
export function jobSummaryMarkdown(report: ConformanceReport): string {
  const s = report.summary;
  const out: string[] = [
    `### ${ICON[report.outcome]} ${OUTCOME_WORDS[report.outcome]}: ${md(report.target.name)}`,
    '',
    `${report.results.length} rules: **${s.pass} passed**, **${s.fail} failed** (${s.failedMust} must, ${s.failedConflict} conflict, ${s.failedShould} should), ${s.skipped} skipped · ${report.requests} requests · seed ${report.seed} · ${(report.durationMs / 1000).toFixed(1)} s${report.strict ? ' · strict' : ''}${report.partial ? ` · partial: ${md(report.partial)}` : ''} · exit ${report.exitCode}`,
  ];

  const stopped = capped(report.couldNotRun ?? [], MAX_FIXTURES);
  if (stopped.shown.length > 0) {
    out.push(
      '',
      '#### Could not run',
      '',
      ...stopped.shown.map((c) => `- **${md(couldNotRunSubject(c))}**: ${md(c.reason)}`),
      ...more(stopped.leftOut, 'causes'),
    );
  }

  const failing = capped(failingRules(report), MAX_FAILING);
  if (failing.shown.length > 0) {
    out.push('', '#### What broke', '', '| Status | Level | Rule | First failure | Replay |', '| --- | --- | --- | --- | --- |');
    for (const r of failing.shown) {
      const first = r.failures[0];
      out.push(
        `| ${statusLabel(r, report.strict)} | ${r.level} | ${code(r.rule, true)} | ${md(first?.title ?? r.reason ?? 'failed')} | ${first ? code(first.replay, true) : ''} |`,
      );
    }
    out.push(...more(failing.leftOut, 'failing rules'));
  }

  const groups = capped(undecidedByReason(report), MAX_GROUPS);
  if (groups.shown.length > 0) {
    out.push('', '#### Not decided', '');
    for (const g of groups.shown) {
      const ids = capped(g.rules, MAX_IDS);
      out.push(
        `- **${g.rules.length}** ${g.rules.length === 1 ? 'rule' : 'rules'}: ${md(g.reason)} (${ids.shown.map((id) => code(id)).join(', ')}${ids.leftOut > 0 ? `, and ${ids.leftOut} more` : ''})`,
      );
    }
    out.push(...more(groups.leftOut, 'reasons'));
  }

  const left = capped(notRestored(report), MAX_FIXTURES);
  if (left.shown.length > 0) {
    out.push(
      '',
      '#### Not restored',
      '',
      `The run changed these fixtures and could not put them back (${left.shown.length + left.leftOut} of ${report.restore.length}):`,
      '',
    );
    out.push(...left.shown.map((r) => `- ${code(r.resource)}: ${md(r.detail)}`), ...more(left.leftOut, 'fixtures'));
  }
  return `${out.join('\n')}\n`;
}
