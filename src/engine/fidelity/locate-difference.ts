import { isInstanceKind, type InstanceKind } from '../../rules/instance-kinds.ts';
import type { RuleId } from '../../rules/rules.ts';
import type { ServerKnowledge } from '../cases/case.ts';
import type { AnswerPlace } from '../checks/check.ts';
import { ownerOf } from '../checks/registry.ts';
import type { KeyedExchange } from './side-exchanges.ts';

/**
 * The rules that own the places where two answers differ, as the checks declare them (each check's
 * `owns`: an instance's or a server's entry belongs to the rule of that instance's kind or that server's
 * state, the envelope's echo to ecs.envelope-echo, a task's status to kps.task.terminal). Undefined when
 * some difference lies where no rule owns it alone.
 */
export function locateDifference(ref: KeyedExchange, cand: KeyedExchange): RuleId[] | undefined {
  const body = JSON.parse(ref.outcome.body);
  const other = JSON.parse(cand.outcome.body);
  const paths = differingPaths(body, other, []);
  const rules = new Set<RuleId>();
  for (const path of paths) {
    const rule = ownerOf(placeOf(ref, body, other, path));
    if (!rule) return undefined;
    rules.add(rule);
  }
  return rules.size > 0 ? [...rules] : undefined;
}

/** The HTTP statuses of the two sides as a place: a change of status class is a generic rule's. */
export function statusPlace(ref: KeyedExchange, cand: KeyedExchange): AnswerPlace {
  return { case: ref.case, path: ['status'], values: [ref.outcome.status, cand.outcome.status] };
}

/** What the target file says of an id the fixture-id transformer named (`<…instances.windows[0]>`). */
function fixtureList(normalised: unknown): string | undefined {
  return typeof normalised === 'string' ? normalised.match(/^<(\w+)\.fixtures\.(?:servers|instances)\.(\w+)\[\d+\]>$/)?.[2] : undefined;
}

/**
 * A place in the body, with what the suite knew of the instance or server whose entry it lies in: what
 * the case said, else the fixture list its normalised id names.
 */
function placeOf(ref: KeyedExchange, body: unknown, other: unknown, path: readonly (string | number)[]): AnswerPlace {
  const { operation, expect } = ref.case;
  const place: AnswerPlace = { case: ref.case, path: ['body', ...path], values: [valueAt(body, path), valueAt(other, path)] };
  const [first, second, third] = path;
  if (operation === 'ecs.attach-key-pair' && first === 'Result' && second === 'OperationDetails' && typeof third === 'number') {
    // What the suite knew of the instance, else its fixture list, else an id in no list: unknown.
    const listed = fixtureList(valueAt(body, [first, second, third, 'InstanceId']));
    const instance: InstanceKind = expect.instances?.[third] ?? (isInstanceKind(listed) ? listed : 'unknown');
    return { ...place, instance };
  }
  if (operation === 'kps.batch-associate' && first === 'tasks' && typeof second === 'number') {
    const listed = fixtureList(valueAt(body, [first, second, 'server_id']));
    const server = expect.servers?.[second] ?? (listed === 'running' ? 'fresh' : (listed as ServerKnowledge | undefined));
    return server ? { ...place, server } : place;
  }
  if (operation === 'kps.associate' && path.length === 1) {
    // A bind the suite expects to be accepted is on a running server.
    const server = expect.servers?.[0] ?? (expect.kind === 'accept' ? 'fresh' : undefined);
    return server ? { ...place, server } : place;
  }
  return place;
}

/** The value at a path into a JSON value; undefined where the path leaves it. */
function valueAt(value: unknown, path: readonly (string | number)[]): unknown {
  return path.reduce<unknown>((v, k) => (v !== null && typeof v === 'object' ? (v as Record<string | number, unknown>)[k] : undefined), value);
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
    return keys.flatMap((k) => differingPaths((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], [...at, k]));
  }
  return [at];
}
