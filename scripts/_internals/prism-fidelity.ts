import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AggregateScore, FidelityReport, RuleFidelity } from '../../src/engine/fidelity/fidelity-report.ts';
import { TIERS } from '../../src/engine/fidelity/outcome.ts';
import { runFidelity, type FidelityOptions } from '../../src/engine/fidelity/run-fidelity.ts';
import { loadTargetFile } from '../../src/engine/target/load-target-file.ts';
import { DEFAULT_CREDENTIALS, defaultFixtures, mockCredentialEnv, mockTargetFile, startMock, type RunningMock } from '../../src/mock/index.ts';
import { prismVersion, startPrism, type RunningPrism } from './start-prism.ts';

/**
 * The one place the Prism comparison's settings live: scripts/fidelity-prism.ts writes docs/fidelity.md
 * with them and tests/engine/fidelity/prism-fidelity.spec.ts checks the page against a run with them.
 * The nonce is fixed too, so that every request of a run is the same from one run to the next.
 */
export const PRISM_FIDELITY = { seed: 1, runs: 20, nonce: '5eed0001' } as const;

/**
 * Prism's ListKeypairTask always answers the example's RUNNING_RESET, so a task is given up soon (the
 * outcome is the same after 100 ms as after 30 minutes); and Prism 5.16.0 never answers a body that is not
 * JSON under `Content-Type: application/json`, so such a request is given up after 3 s, not 10.
 */
const PRISM_TASKS = { taskTimeoutMs: 100, taskPoll: { firstMs: 20, maxIntervalMs: 50 } } as const;
const PRISM_REQUEST_TIMEOUT_MS = 3_000;

export const PRISM_START = '<!-- prism:start -->';
export const PRISM_END = '<!-- prism:end -->';

/**
 * Scores Stoplight Prism (`prism mock` on this project's two specs) against the embedded reference mock,
 * with PRISM_FIDELITY's seed, runs and nonce. Both mocks take the built-in test credentials; Prism checks
 * only that an Authorization header is there.
 */
export async function runPrismFidelity(
  cwd: string,
  { prism: started, onSend }: { prism?: RunningPrism; onSend?: FidelityOptions['onSend'] } = {},
): ReturnType<typeof runFidelity> {
  const prism = started ?? (await startPrism({ cwd }));
  const dir = mkdtempSync(join(tmpdir(), 'conformance-prism-fidelity-'));
  let mock: RunningMock | undefined;
  try {
    mock = await startMock({ port: 0, taskDelayMs: 20, credentials: DEFAULT_CREDENTIALS });
    const env = mockCredentialEnv(DEFAULT_CREDENTIALS);
    const write = (name: string, doc: unknown) => {
      const file = join(dir, name);
      writeFileSync(file, JSON.stringify(doc, null, 2));
      return loadTargetFile(file, env);
    };
    const reference = write('reference.json', { ...mockTargetFile(mock.options.fixtures, mock.url), name: 'embedded reference mock' });
    const doc = mockTargetFile(defaultFixtures(), prism.urls.huaweicloud);
    const candidate = write('prism.json', {
      ...doc,
      name: `Stoplight Prism ${prismVersion(cwd)} (prism mock)`,
      huaweicloud: { ...doc.huaweicloud, endpoint: prism.urls.huaweicloud, ...PRISM_TASKS },
      volcengine: { ...doc.volcengine, endpoint: prism.urls.volcengine },
      safety: { ...doc.safety, requestTimeoutMs: PRISM_REQUEST_TIMEOUT_MS },
    });
    return await runFidelity({
      reference: { kind: 'target', name: reference.name, target: reference, restore: false },
      candidate: { kind: 'target', name: candidate.name, target: candidate, restore: true },
      clouds: ['huaweicloud', 'volcengine'],
      ...PRISM_FIDELITY,
      thresholds: [],
      onSend,
    });
  } finally {
    await mock?.close();
    if (!started) await prism.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The line of the section that changes with every run; `--check` and the test leave it out. */
const DATE_LINE = /^Last run: /;

const pct = (n: number | null) => (n === null ? 'n/a' : `${n}%`);
const cell = (a: AggregateScore) => (a.rulesInTier === 0 ? '—' : a.score === null ? `n/a (${a.coverage}% cov)` : `${a.score}% (${a.coverage}% cov)`);
const escape = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The members of an answer gist names; each may be absent or of another type. */
type AnswerGist = {
  ResponseMetadata?: { Error?: { Code?: unknown } };
  Result?: { OperationDetails?: unknown };
  tasks?: unknown;
  task_status?: unknown;
  status?: unknown;
  error_code?: unknown;
  server_id?: unknown;
  type?: unknown;
  title?: unknown;
};
type OperationDetailGist = { InstanceId?: unknown; Error?: { Code?: unknown } | null };
type TaskGist = { server_id?: unknown; status?: unknown; error_code?: unknown };

/** What an answer says, in a few words: the error code, each entry's result, the task status, Prism's problem. */
export function gist(text: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return text.trim() === '' ? 'an empty body' : `text ${JSON.stringify(text.trim().slice(0, 40))}`;
  }
  const list = (items: readonly string[]) => `[${items.slice(0, 3).join(', ')}${items.length > 3 ? `, … ${items.length - 3} more` : ''}]`;
  if (parsed === null || typeof parsed !== 'object') return `JSON ${JSON.stringify(parsed)}`;
  // Whichever answer it is (a cloud's, Prism's problem), or a body of another shape: each member is tested before use.
  const b = parsed as AnswerGist;
  if (b.ResponseMetadata?.Error) return `Error.Code ${b.ResponseMetadata.Error.Code}`;
  if (Array.isArray(b.Result?.OperationDetails))
    return `OperationDetails ${list((b.Result.OperationDetails as (OperationDetailGist | null)[]).map((d) => `${d?.InstanceId} ${d?.Error?.Code ?? 'ok'}`))}`;
  if (Array.isArray(b.tasks))
    return `tasks ${list((b.tasks as (TaskGist | null)[]).map((t) => [t?.server_id ?? '(no server_id)', t?.status, t?.error_code].filter((v) => v !== undefined).join(' ')))}`;
  if (typeof b.task_status === 'string') return `task_status ${b.task_status}`;
  if (typeof b.status === 'string') return `status ${b.status}${b.error_code ? `, error_code ${b.error_code}` : ''}, server_id ${b.server_id}`;
  if (typeof b.error_code === 'string') return `error_code ${b.error_code}`;
  if (typeof b.type === 'string' && typeof b.title === 'string') return `problem "${b.title}"`;
  return `JSON with ${Object.keys(b).join(', ') || 'no members'}`;
}

/** One line of evidence: what differs first, in which case, and both answers in a few words. */
function evidence(r: RuleFidelity): string {
  const d = r.differences[0] ?? r.unsupported[0];
  if (!d) return '';
  const kind = r.differences[0] ? d.what : `unsupported (${d.what})`;
  return `${kind} · \`${d.case}\`: reference ${d.reference.status} ${gist(d.reference.body)}; Prism ${d.candidate.status} ${gist(d.candidate.body)}`;
}

/** The rules with the most differences and unsupported answers (strict tier, which scores every rule). */
export function worstRules(report: FidelityReport, n = 10): RuleFidelity[] {
  const bad = (r: RuleFidelity) => r.tiers.strict!.different + r.tiers.strict!.unsupported;
  return report.rules
    .filter((r) => bad(r) > 0)
    .sort((a, b) => bad(b) - bad(a))
    .slice(0, n);
}

/** The text between PRISM_START and PRISM_END in docs/fidelity.md, from a run of runPrismFidelity. */
export function renderPrismSection(report: FidelityReport): string {
  const c = report.cases;
  return [
    `${report.candidate.name} against the ${report.reference.name}, seed ${report.seed}, ${report.runs} runs per property, both clouds,`,
    `nonce ${PRISM_FIDELITY.nonce} (\`npm run fidelity:prism\` rewrites this section; \`npm run fidelity:prism -- --check\` exits 1 when it is stale).`,
    `Prism's tasks never end, so the suite gives a task up after ${PRISM_TASKS.taskTimeoutMs} ms; Prism never answers a body that is not JSON, so such a`,
    `request is given up after ${PRISM_REQUEST_TIMEOUT_MS / 1000} s (\`scripts/_internals/prism-fidelity.ts\`).`,
    '',
    `Last run: ${report.startedAt.slice(0, 10)}`,
    '',
    '| tier | score | coverage | rules scored / exercised |',
    '|---|---|---|---|',
    ...TIERS.map(
      (t) => `| ${t} | ${pct(report.tiers[t].score)} | ${report.tiers[t].coverage}% | ${report.tiers[t].rulesScored} / ${report.tiers[t].rulesExercised} |`,
    ),
    '',
    '| operation | core | complete | strict |',
    '|---|---|---|---|',
    ...report.operations.map((o) => `| ${o.operation} | ${TIERS.map((t) => cell(o.tiers[t])).join(' | ')} |`),
    '',
    `Cases: ${c.reference} reference cases: ${c.compared} compared (${c.equal} alike, ${c.different} different), ${c.unsupported} unsupported, ${c.notSent} not sent, ${c.diverged} diverged.`,
    '',
    `The ${Math.min(10, worstRules(report).length)} rules with the most differences or unsupported answers (counted at strict, which scores every rule; — : the`,
    'tier does not score a should rule), each with its first difference:',
    '',
    '| rule | level | core | complete | strict | different | unsupported | first difference |',
    '|---|---|---|---|---|---|---|---|',
    ...worstRules(report).map(
      (r) =>
        `| \`${r.rule}\` | ${r.level} | ${TIERS.map((t) => (r.tiers[t] === null ? '—' : pct(r.tiers[t]!.score))).join(' | ')} | ${r.tiers.strict!.different} | ${r.tiers.strict!.unsupported} | ${escape(evidence(r))} |`,
    ),
  ].join('\n');
}

/** The section as it stands in `doc`, or undefined when the markers are missing. */
export function prismSection(doc: string): string | undefined {
  const start = doc.indexOf(PRISM_START);
  const end = doc.indexOf(PRISM_END, start + PRISM_START.length);
  return start < 0 || end < 0 ? undefined : doc.slice(start + PRISM_START.length, end).trim();
}

/** `doc` with the section between the markers replaced by `section` (the markers are kept; nothing else changes). */
export function withPrismSection(doc: string, section: string): string {
  const start = doc.indexOf(PRISM_START);
  const end = doc.indexOf(PRISM_END, start + PRISM_START.length);
  if (start < 0 || end < 0) throw new Error(`docs/fidelity.md has no ${PRISM_START} … ${PRISM_END} markers: put them where the Prism numbers go.`);
  return `${doc.slice(0, start + PRISM_START.length)}\n${section}\n${doc.slice(end)}`;
}

/** The section without its date line: what must not change between two runs of Prism's static mock. */
export function withoutDate(section: string): string {
  return section
    .split('\n')
    .filter((line) => !DATE_LINE.test(line))
    .join('\n')
    .trim();
}
