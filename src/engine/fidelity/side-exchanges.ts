import type { RuleId } from '../../rules/rules.ts';
import type { Case } from '../cases/case.ts';
import type { Cassette, CassetteEntry, UnansweredEntry } from '../cassettes/cassette.ts';
import { entryExchange } from '../cassettes/entry-exchange.ts';
import type { CheckContext } from '../checks/check.ts';
import { specOperation } from '../cases/spec-operation.ts';
import type { Exchange, ReceivedResponse } from '../transport/exchange.ts';
import type { AnswerJson } from './fold-readings.ts';
import { judgementsOf, type RuleJudgement } from './judgements.ts';
import { outcomeOf, type Outcome } from './outcome.ts';
import { fixturePlaces, Normaliser } from './transformers.ts';

/**
 * Identical requests sent at once with one ClientToken: which copy waits (412 IdempotentProcessing)
 * depends on timing, so a group is compared as the set of its other answers.
 */
export const CONCURRENT_DUPLICATES = {
  name: 'concurrent-duplicates',
  description:
    'identical requests sent at once with one ClientToken → compared as the set of their answers other than 412 IdempotentProcessing, since which copy waits depends on timing',
  caseIds: new Set(['ecs.attach-key-pair/model/first-call-concurrent']),
} as const;

/** One answered case of a side, keyed so that the same case of the other side has the same key. */
export interface KeyedExchange {
  /** `<case id, task ids named by their origin>#<n>`: the n-th case of that id in the run. */
  readonly key: string;
  /** The request as sent, normalised: equal on both sides when both sent the same case. */
  readonly fingerprint: string;
  readonly case: Case;
  readonly outcome: Outcome;
  readonly judgements: ReadonlyMap<RuleId, RuleJudgement>;
  /** The body is one the operation documents (for some status): the target speaks the API here. */
  readonly speaksApi: boolean;
  /** The raw answer, for the report's evidence. */
  readonly answer: { readonly status: number; readonly body: string };
}

/** A side's exchanges, keyed, normalised and judged; counts of what each normalisation replaced. */
export function keyExchanges(cassette: Cassette, ctx: CheckContext): { exchanges: KeyedExchange[]; transformed: Map<string, number> } {
  const normaliser = new Normaliser({ nonce: cassette.nonce, fixtures: fixturePlaces(cassette), taskOrigins: new Map() });
  normaliser.counts.set(CONCURRENT_DUPLICATES.name, 0);
  const seen = new Map<string, number>();
  const byKey = new Map<string, KeyedExchange>();
  const groups = new Map<string, { key: string; members: KeyedExchange[] }>();
  for (const e of inOrder(cassette)) {
    const c = e.case;
    // Putting a live target back as it was is not part of the comparison: only one side may need it.
    if (c.id.startsWith('restore/')) continue;
    const taskId = c.request.taskId;
    const fingerprint = JSON.stringify(normaliser.normalise({ operation: c.operation, request: c.request }));
    const group = CONCURRENT_DUPLICATES.caseIds.has(c.id) ? groups.get(fingerprint) : undefined;
    // A task is polled until it ends, as often as timing needs: only its last answer is kept.
    const id = taskId !== undefined ? `kps.task/follow/${normaliser.string(taskId, 'taskId')}` : c.id;
    const n = taskId !== undefined || group ? 1 : (seen.get(id) ?? 0) + 1;
    if (!group) seen.set(id, n);
    const key = group?.key ?? `${id}#${n}`;
    const exchange = 'error' in e ? unansweredExchange(e) : entryExchange(e);
    const response = exchange.response;
    if (response) rememberTasks(response.json, key, normaliser.side.taskOrigins);
    const keyed: KeyedExchange = {
      key,
      fingerprint,
      case: c,
      outcome: response
        ? outcomeOf(
            c.operation,
            { status: response.status, headers: response.headers, body: response.json !== undefined ? response.json : response.text },
            normaliser,
          )
        : NO_ANSWER,
      judgements: judgementsOf(c, exchange, ctx),
      speaksApi: response ? speaksApi(c, response, ctx) : false,
      answer: response ? { status: response.status, body: response.text } : { status: 0, body: `no HTTP answer (${exchange.error})` },
    };
    if (CONCURRENT_DUPLICATES.caseIds.has(c.id)) {
      const g = group ?? { key, members: [] };
      g.members.push(keyed);
      groups.set(fingerprint, g);
      if (g.members.length === 2) normaliser.counts.set(CONCURRENT_DUPLICATES.name, normaliser.counts.get(CONCURRENT_DUPLICATES.name)! + 1);
      byKey.set(key, merge(g.members));
    } else byKey.set(key, keyed);
  }
  return { exchanges: [...byKey.values()], transformed: normaliser.counts };
}

/** A group of concurrent duplicates as one case: the distinct answers other than 412, in a stable order. */
function merge(members: readonly KeyedExchange[]): KeyedExchange {
  if (members.length === 1) return members[0]!;
  const answered = members.filter((m) => m.outcome.status !== 412);
  const kept = answered.length > 0 ? answered : [members[0]!];
  const distinct = [...new Map(kept.map((m) => [JSON.stringify(m.outcome), m])).values()].sort((a, b) =>
    JSON.stringify(a.outcome).localeCompare(JSON.stringify(b.outcome)),
  );
  const join = (f: (m: KeyedExchange) => string) => distinct.map(f).join(' | ');
  const judgements = new Map<RuleId, RuleJudgement>();
  for (const m of distinct) for (const [r, j] of m.judgements) if (judgements.get(r) !== 'fail') judgements.set(r, j);
  return {
    ...distinct[0]!,
    outcome: {
      status: distinct[0]!.outcome.status,
      mediaType: join((m) => m.outcome.mediaType),
      requestId: distinct.every((m) => m.outcome.requestId),
      shape: join((m) => `${m.outcome.status} ${m.outcome.shape}`),
      code: join((m) => m.outcome.code),
      entries: distinct.flatMap((m, i) => (i === 0 ? m.outcome.entries : ['|', ...m.outcome.entries])),
      body: distinct.length === 1 ? distinct[0]!.outcome.body : `[${distinct.map((m) => m.outcome.body).join(',')}]`,
    },
    judgements,
    speaksApi: distinct.every((m) => m.speaksApi),
  };
}

/** The body validates against a schema the operation documents for some status. */
function speaksApi(c: Case, response: ReceivedResponse, ctx: CheckContext): boolean {
  const spec = specOperation(c.operation);
  if (response.json === undefined) return false;
  // A Volcengine gateway that does not know the action answers in its own envelope, but does not speak it.
  if ((response.json as AnswerJson | null)?.ResponseMetadata?.Error?.Code === 'InvalidActionOrVersion' && c.request.fixed === undefined) return false;
  return spec.responses.some((r) => r.schemaRef !== undefined && ctx.validators.forSchema(spec.spec, r.schemaRef)(response.json));
}

/** What a case without an HTTP answer (a reset, a timeout) compares as: status 0, nothing else. */
const NO_ANSWER: Outcome = { status: 0, mediaType: '(none)', requestId: false, shape: 'no answer', code: '', entries: [], body: '"no answer"' };

/** The answered exchanges and the unanswered cases, in the order the run sent them. */
function inOrder(cassette: Cassette): (CassetteEntry | UnansweredEntry)[] {
  const unanswered = [...(cassette.unanswered ?? [])];
  const out: (CassetteEntry | UnansweredEntry)[] = [];
  cassette.exchanges.forEach((e, i) => {
    while (unanswered.length > 0 && unanswered[0]!.at <= i) out.push(unanswered.shift()!);
    out.push(e);
  });
  out.push(...unanswered);
  return out;
}

function unansweredExchange(e: UnansweredEntry): Exchange {
  return { request: { method: '-', url: '(as recorded)', headers: {} }, error: e.error, throttled: [], ms: 0 };
}

/** Notes where each task id of an answer came from, so a later lookup of it is keyed by that origin. */
function rememberTasks(body: unknown, key: string, origins: Map<string, string>): void {
  const b = body as AnswerJson | null;
  if (!b || typeof b !== 'object') return;
  // The latest answer wins: a mock that answers one fixed id to every bind (Prism's example) still has
  // each lookup keyed by the bind it follows. A lookup's own answer names the id it was asked for.
  if (typeof b.task_id === 'string' && b.task_id !== '' && !('task_status' in b)) origins.set(b.task_id, key);
  if (Array.isArray(b.tasks))
    b.tasks.forEach(
      (t: AnswerJson | null | undefined, i: number) => typeof t?.task_id === 'string' && t.task_id !== '' && origins.set(t.task_id, `${key} tasks[${i}]`),
    );
}
