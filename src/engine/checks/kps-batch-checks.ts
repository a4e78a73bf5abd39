import type { RuleId } from '../../rules/rules.ts';
import type { Case, ServerKnowledge } from '../cases/case.ts';
import type { KpsEntryJson, KpsRequestJson } from '../cases/huawei/kps-request-json.ts';
import type { Exchange } from '../transport/exchange.ts';
import type { AnswerPlace, Check, Fail, Judgement, Ownership } from './check.ts';
import { defineCheck } from './check.ts';
import { describeAnswer } from '../transport/answer.ts';
import { readAnswer } from './read-answer.ts';

const OPS = ['kps.batch-associate'] as const;
const TASK_STATUSES = { SUCCESS: 'SUCCESS', FAILED: 'FAILED', Failed: 'Failed' } as const;
const MAX_ENTRIES = 10;

function forCasesOf(rule: RuleId, judge: (c: Case, x: Exchange, fail: Fail) => Judgement): Check {
  return defineCheck(rule, OPS, (c, x, _ctx, fail) => (c.expect.rules.includes(rule) && x.response ? judge(c, x, fail) : 'not-applicable'));
}

function rejected400(rule: RuleId, title: string): Check {
  return forCasesOf(rule, (c, x, fail) => {
    if (readAnswer(c, x).status !== 400) return fail(title, describeAnswer(x), `400 (${c.title})`);
    return 'held';
  });
}

/** A task of a batch answer as the target sent it: the spec's TaskResponseBody, any member missing or of another type. */
type TaskJson = {
  readonly server_id?: unknown;
  readonly status?: unknown;
  readonly task_id?: unknown;
  readonly error_code?: unknown;
  readonly error_msg?: unknown;
};

/** The tasks of a successful batch answer, or undefined. */
function tasksOf(c: Case, x: Exchange): TaskJson[] | undefined {
  const { success, body } = readAnswer(c, x);
  const tasks = success ? body?.tasks : undefined;
  return Array.isArray(tasks) ? tasks.filter((t): t is TaskJson => t && typeof t === 'object') : undefined;
}

/** The entries of the batch a case sent, when its batch_keypairs is an array. */
const entriesOf = (c: Case): (KpsEntryJson | null | undefined)[] | undefined => {
  const entries = (c.request.body as KpsRequestJson | null | undefined)?.batch_keypairs;
  return Array.isArray(entries) ? entries : undefined;
};

/** Where in the body's `tasks` a place is: the list itself, or an entry's task (its index, and the member path below it). */
function inTasks(p: AnswerPlace): { readonly index?: number; readonly below: readonly (string | number)[] } | undefined {
  const [where, first, second, ...rest] = p.path;
  if (where !== 'body' || first !== 'tasks') return undefined;
  return typeof second === 'number' ? { index: second, below: rest } : { below: p.path.slice(2) };
}

function onTasks(rule: RuleId, judge: (task: TaskJson, x: Exchange, fail: Fail) => Judgement, options: { owns?: Ownership } = {}): Check {
  return defineCheck(
    rule,
    OPS,
    (c, x, _ctx, fail) => {
      const tasks = tasksOf(c, x);
      if (!tasks || tasks.length === 0) return 'not-applicable';
      let result: Judgement = 'not-applicable';
      for (const task of tasks) {
        const j = judge(task, x, fail);
        if (j !== 'not-applicable') result = j;
      }
      return result;
    },
    options,
  );
}

/** The task answering each requested server: by server_id, else by position. */
function taskFor(tasks: TaskJson[], serverId: unknown, index: number): TaskJson | undefined {
  return tasks.find((t) => t.server_id === serverId) ?? tasks[index];
}

/**
 * Entries whose server the suite knows to be `knowledge`, with the task the target gave each. For a server
 * that fails (stopped, bound) both documented readings are recorded: a FAILED task, or the whole request 400.
 * The rule owns the task of each such entry.
 */
function judgeEntries(rule: RuleId, knowledge: ServerKnowledge, accept: (status: unknown) => boolean, documented: string): Check {
  const fails = knowledge !== 'fresh';
  return defineCheck(
    rule,
    OPS,
    (c, x, _ctx, fail) => {
      if (!x.response || !c.expect.servers?.includes(knowledge)) return 'not-applicable';
      // "Or the whole request is 400": only a 400 refuses the batch as documented; other errors are other rules'.
      if (readAnswer(c, x).status === 400 && fails) return { variant: 'rejected' };
      const tasks = tasksOf(c, x);
      if (!tasks) return 'not-applicable';
      let judged = false;
      const entries = entriesOf(c) ?? [];
      c.expect.servers.forEach((k, i) => {
        if (k !== knowledge) return;
        const id = entries[i]?.server?.id;
        const task = taskFor(tasks, id, i);
        if (task === undefined) return; // a missing task is one-task-per-server's to judge
        judged = true;
        if (!accept(task.status)) fail(`Server ${id} got ${task.status ?? 'no status'}`, describeAnswer(x), documented);
      });
      if (!judged) return 'not-applicable';
      return fails ? { variant: 'failed-task' } : 'held';
    },
    { owns: { places: (p) => inTasks(p)?.index !== undefined && p.server === knowledge } },
  );
}

/** Every entry's server is known to be running and unbound (the case says so for each one). */
function allFresh(c: Case, entries: number): boolean {
  const servers = c.expect.servers ?? [];
  return servers.length === entries && servers.every((s) => s === 'fresh');
}

/** A task's status spelt as the other documented variant on the other side (FAILED, Failed): status-enum's conflict. */
function sameStatusSpeltApart(p: AnswerPlace): boolean {
  const at = inTasks(p);
  const [a, b] = p.values;
  return (
    at?.index !== undefined &&
    at.below.length === 1 &&
    at.below[0] === 'status' &&
    typeof a === 'string' &&
    typeof b === 'string' &&
    a.toUpperCase() === b.toUpperCase()
  );
}

/** The rules of BatchAssociateKeypair (seed 001). */
export const KPS_BATCH_CHECKS: Check[] = [
  defineCheck('kps.batch-associate.success-status', OPS, (c, x, _ctx, fail) => {
    const { success, status } = readAnswer(c, x);
    if (!success) return 'not-applicable';
    if (status !== 202 && status !== 200)
      return fail('Success status is neither documented variant', String(status), '202 (seeds) or 200 (earlier revisions, SDKs)');
    return { variant: String(status) };
  }),
  rejected400('kps.batch-associate.batch-required', 'Missing batch_keypairs accepted'),
  forCasesOf('kps.batch-associate.max-10', (c, x, fail) => {
    // batch_keypairs's length as sent (a string's too: a mutation may send one).
    const entries = ((c.request.body as KpsRequestJson | null | undefined)?.batch_keypairs as { readonly length?: number } | null | undefined)?.length ?? 0;
    const status = readAnswer(c, x).status;
    if (entries > MAX_ENTRIES) {
      if (status !== 400) return fail(`${entries} entries accepted`, describeAnswer(x), '400 for more than 10 entries');
      return 'held';
    }
    if (status !== 400 || c.expect.kind === 'reject') return 'held';
    // A 400 may refuse the batch for its servers (not-running, already-bound: "the whole request is 400"),
    // not for its number: only a batch whose every server is known running and unbound rules that out.
    if (allFresh(c, entries))
      return fail(`${entries} valid entries rejected`, describeAnswer(x), 'not rejected for their number (every server running and unbound)');
    return { variant: 'refused-for-its-servers' };
  }),
  rejected400('kps.batch-associate.non-empty', 'Empty batch_keypairs accepted'),
  rejected400('kps.batch-associate.same-keypair', 'Entries with different key pairs accepted'),
  rejected400('kps.batch-associate.item-validation', 'An invalid entry accepted'),
  // Owns a task's status spelt apart before the entry's own rule does (registered first).
  onTasks(
    'kps.batch-associate.status-enum',
    (task, x, fail) => {
      if (task.status === undefined) return 'not-applicable';
      if (typeof task.status !== 'string' || !(task.status in TASK_STATUSES))
        return fail('Undocumented task status', describeAnswer(x), 'SUCCESS or FAILED (the table), or Failed (the example)');
      return task.status === 'SUCCESS' ? 'held' : { variant: task.status };
    },
    { owns: { places: sameStatusSpeltApart } },
  ),
  onTasks('kps.batch-associate.success-has-task-id', (task, x, fail) => {
    if (task.status !== 'SUCCESS') return 'not-applicable';
    if (typeof task.task_id !== 'string' || task.task_id === '') return fail('SUCCESS task without task_id', describeAnswer(x), 'a non-empty task_id');
    return 'held';
  }),
  onTasks('kps.batch-associate.failed-has-error', (task, x, fail) => {
    if (task.status !== 'FAILED' && task.status !== 'Failed') return 'not-applicable';
    if (typeof task.error_code !== 'string' || typeof task.error_msg !== 'string') {
      return fail('FAILED task without error_code and error_msg', describeAnswer(x), 'error_code and error_msg');
    }
    return 'held';
  }),
  defineCheck(
    'kps.batch-associate.one-task-per-server',
    OPS,
    (c, x, _ctx, fail) => {
      const tasks = tasksOf(c, x);
      const entries = entriesOf(c);
      if (!tasks || !entries) return 'not-applicable';
      const got = tasks.map((t) => t.server_id);
      const wanted = entries.map((e) => e?.server?.id);
      if (JSON.stringify(got) !== JSON.stringify(wanted))
        return fail('Tasks do not match the requested servers', JSON.stringify(got), `${JSON.stringify(wanted)}, in request order`);
      return 'held';
    },
    // The list of tasks itself (another number of tasks), not one entry's.
    { owns: { places: (p) => inTasks(p) !== undefined && inTasks(p)!.index === undefined } },
  ),
  // Any status but SUCCESS counts as failing the server: how it is spelt is status-enum's to judge.
  judgeEntries(
    'kps.batch-associate.not-running',
    'stopped',
    (s) => typeof s === 'string' && s !== 'SUCCESS',
    'FAILED (or the whole request 400), never SUCCESS, for a stopped server',
  ),
  judgeEntries(
    'kps.batch-associate.already-bound',
    'bound',
    (s) => typeof s === 'string' && s !== 'SUCCESS',
    'FAILED (or the whole request 400), never SUCCESS, for a bound server',
  ),
  judgeEntries(
    'kps.batch-associate.partial-independence',
    'fresh',
    (s) => s === 'SUCCESS',
    'SUCCESS for a running, unbound server whatever the other entries are',
  ),
];
