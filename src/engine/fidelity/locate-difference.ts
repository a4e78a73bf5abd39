import type { RuleId } from '../../rules/rules.ts';
import type { InstanceKind, ServerKnowledge } from '../cases/case.ts';
import { INSTANCE_RULES } from '../checks/ecs-attach-checks.ts';
import type { KeyedExchange } from './side-exchanges.ts';

/** The rule that owns a Huawei batch entry's task, by what the suite knew of its server. */
const BATCH_ENTRY_RULES: Partial<Record<ServerKnowledge, RuleId>> = {
  fresh: 'kps.batch-associate.partial-independence',
  stopped: 'kps.batch-associate.not-running',
  bound: 'kps.batch-associate.already-bound',
};

/** The rule that owns an AssociateKeypair answer's status, by what the suite knew of the server. */
const ASSOCIATE_RULES: Partial<Record<ServerKnowledge, RuleId>> = {
  fresh: 'kps.associate.replace-or-reset',
  'unknown-server': 'kps.associate.unknown-server',
};

/**
 * The rules that own the places where two answers differ: an instance's or a server's entry belongs to
 * the rule of that instance's kind or that server's state, the envelope's echo to ecs.envelope-echo, a
 * task's status to kps.task.terminal. Undefined when some difference lies where no rule owns it alone.
 */
export function locateDifference(ref: KeyedExchange, cand: KeyedExchange): RuleId[] | undefined {
  const body = JSON.parse(ref.outcome.body);
  const other = JSON.parse(cand.outcome.body);
  const paths = differingPaths(body, other, []);
  const rules = new Set<RuleId>();
  for (const path of paths) {
    const rule = spelling(body, other, path) ?? owner(ref, body, path);
    if (!rule) return undefined;
    rules.add(rule);
  }
  return rules.size > 0 ? [...rules] : undefined;
}

/** Rules about echoing the request: a difference there is theirs whatever the case was made for. */
export const ECHO_RULES: readonly RuleId[] = ['ecs.envelope-echo', 'kps.associate.server-id-echo'];

/** What the target file says of an id the fixture-id transformer named (`<…instances.windows[0]>`). */
function fixtureList(normalised: unknown): string | undefined {
  return typeof normalised === 'string' ? normalised.match(/^<(?:huaweicloud|volcengine)\.fixtures\.(?:servers|instances)\.(\w+)\[\d+\]>$/)?.[1] : undefined;
}

function owner(ref: KeyedExchange, body: any, path: readonly (string | number)[]): RuleId | undefined {
  const { operation, expect } = ref.case;
  const [first, second, third] = path;
  if (operation === 'ecs.attach-key-pair') {
    if (first === 'ResponseMetadata' && ['Action', 'Version', 'Service', 'Region'].includes(String(second))) return 'ecs.envelope-echo';
    if (first === 'Result' && second === 'OperationDetails') {
      if (typeof third !== 'number') return 'ecs.attach-key-pair.one-detail-per-instance';
      // What the suite knew of the instance, else its fixture list, else an id in no list: unknown.
      const listed = fixtureList(body?.Result?.OperationDetails?.[third]?.InstanceId) as InstanceKind | undefined;
      const kind = expect.instances?.[third] ?? (listed && listed in INSTANCE_RULES ? listed : 'unknown');
      return INSTANCE_RULES[kind];
    }
    return undefined;
  }
  if (operation === 'kps.batch-associate' && first === 'tasks') {
    if (typeof second !== 'number') return 'kps.batch-associate.one-task-per-server';
    const listed = fixtureList(body?.tasks?.[second]?.server_id);
    const knowledge = expect.servers?.[second] ?? (listed === 'running' ? 'fresh' : (listed as ServerKnowledge | undefined));
    return knowledge ? BATCH_ENTRY_RULES[knowledge] : undefined;
  }
  if (operation === 'kps.associate' && path.length === 1) {
    if (first === 'server_id') return 'kps.associate.server-id-echo';
    // A bind the suite expects to be accepted is on a running server: its outcome is replace-or-reset's.
    const knowledge = expect.servers?.[0] ?? (expect.kind === 'accept' ? 'fresh' : undefined);
    return knowledge && ['status', 'task_id', 'error_code', 'error_msg'].includes(String(first)) ? ASSOCIATE_RULES[knowledge] : undefined;
  }
  if (operation === 'kps.task' && first === 'task_status') return 'kps.task.terminal';
  return undefined;
}

/** A batch task's status spelt as the other documented variant (FAILED, Failed): status-enum's conflict. */
function spelling(a: any, b: any, path: readonly (string | number)[]): RuleId | undefined {
  const [first, i, member] = path;
  if (first !== 'tasks' || typeof i !== 'number' || member !== 'status' || path.length !== 3) return undefined;
  const x = a?.tasks?.[i]?.status;
  const y = b?.tasks?.[i]?.status;
  return typeof x === 'string' && typeof y === 'string' && x.toUpperCase() === y.toUpperCase() ? 'kps.batch-associate.status-enum' : undefined;
}

/** Every path at which `a` and `b` differ; an array of another length differs at the array itself. */
function differingPaths(a: unknown, b: unknown, at: (string | number)[]): (string | number)[][] {
  if (JSON.stringify(a) === JSON.stringify(b)) return [];
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return [at];
    return a.flatMap((v, i) => differingPaths(v, b[i], [...at, i]));
  }
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    return keys.flatMap((k) => differingPaths((a as any)[k], (b as any)[k], [...at, k]));
  }
  return [at];
}
