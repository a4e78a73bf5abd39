import { INSTANCE_KINDS, instanceKindsOf } from '../../rules/instance-kinds.ts';
import type { RuleId, ServerRuleId } from '../../rules/rules.ts';
import { listErrorCodes } from '../../spec/error-codes.ts';
import type { Case } from '../cases/case.ts';
import type { Exchange } from '../transport/exchange.ts';
import type { AnswerPlace, Check, CheckContext } from './check.ts';
import { defineCheck } from './check.ts';
import { describeAnswer } from '../transport/answer.ts';
import { readAnswer, readResponse, type Answer } from './read-answer.ts';

const OPS = ['ecs.attach-key-pair'] as const;
const CATALOGUE = new Set(listErrorCodes('volcengine-ecs').map((e) => e.code));
const THROTTLE_CODES = ['FlowLimitExceeded', 'RequestLimitExceeded'];

/** The documented request-level answer of each rule that rejects a whole request (seed 002, 错误码). */
const REQUEST_ERRORS: Partial<Record<RuleId, { status: number; code: string }>> = {
  'ecs.attach-key-pair.instance-ids-required': { status: 400, code: 'MissingParameter.InstanceIds' },
  'ecs.attach-key-pair.max-100': { status: 400, code: 'LimitExceeded.MaximumInstanceIds' },
  'ecs.attach-key-pair.keypair-required': { status: 400, code: 'MissingParameter.KeyPairNameAndKeyPairId' },
  'ecs.attach-key-pair.keypair-not-found': { status: 404, code: 'InvalidKeyPair.NotFound' },
  'ecs.attach-key-pair.keypair-id-wins': { status: 404, code: 'InvalidKeyPair.NotFound' },
  'ecs.attach-key-pair.client-token-format': { status: 400, code: 'InvalidClientToken.Malformed' },
};

const ids = (c: Case): string[] => [...((c.request.logical?.InstanceIds as readonly string[] | undefined) ?? [])];
/** An OperationDetails entry as the target sent it: the spec's OperationDetail, any member missing or of another type. */
type DetailJson = { readonly InstanceId?: unknown; readonly Error?: { readonly Code?: unknown; readonly Message?: unknown } | null } | null | undefined;
const details = (a: Answer): DetailJson[] | undefined => {
  const d = (a.volcengine?.result as Record<string, unknown> | undefined)?.OperationDetails;
  return Array.isArray(d) ? (d as DetailJson[]) : undefined;
};
/** The OperationDetails of a 200, where the per-instance rules read them. */
const detailsOf200 = (c: Case, x: Exchange) => {
  const a = readAnswer(c, x);
  return a.status === 200 ? details(a) : undefined;
};

/** The answers a case may get: any one of the errors of the rules it breaks (RULES.md, top of page). */
function matchesABrokenRule(c: Case, x: Exchange): boolean {
  const a = readAnswer(c, x);
  return c.expect.rules.some((r) => {
    const want = REQUEST_ERRORS[r];
    return want !== undefined && a.status === want.status && a.error?.code === want.code;
  });
}

/**
 * A rule judged on the cases made for it: the documented error when the case breaks it, else acceptance;
 * nothing where the documents say neither (`undocumented`).
 */
function requestRule(rule: RuleId, breaks: (c: Case, ctx: CheckContext) => boolean | 'undocumented'): Check {
  return defineCheck(rule, OPS, (c, x, ctx, fail) => {
    if (!c.expect.rules.includes(rule) || !x.response) return 'not-applicable';
    const want = REQUEST_ERRORS[rule]!;
    const broken = breaks(c, ctx);
    if (broken === 'undocumented') return 'not-applicable';
    if (broken) {
      if (!matchesABrokenRule(c, x)) return fail('Documented error not returned', describeAnswer(x), `${want.status} ${want.code} (${c.title})`);
    } else if (!readAnswer(c, x).success) {
      return fail('Request refused that the documents allow', describeAnswer(x), `success (${c.title})`);
    }
    return 'held';
  });
}

/** Where in the body's OperationDetails a place is: the list itself (no index), or an instance's entry. */
function inDetails(p: AnswerPlace): { readonly index?: number } | undefined {
  const [where, result, list, index] = p.path;
  if (where !== 'body' || result !== 'Result' || list !== 'OperationDetails') return undefined;
  return typeof index === 'number' ? { index } : {};
}

/**
 * A per-instance rule: every requested instance of a kind it owns (src/rules/instance-kinds.ts) gets that
 * kind's documented Error. It owns the entries of those instances.
 */
function instanceRule(rule: ServerRuleId): Check {
  const kinds = instanceKindsOf(rule);
  const codeOf = (kind: (typeof kinds)[number]) => INSTANCE_KINDS[kind].code;
  return defineCheck(
    rule,
    OPS,
    (c, x, _ctx, fail) => {
      if (!c.expect.instances?.some((k) => kinds.includes(k))) return 'not-applicable';
      const list = detailsOf200(c, x);
      if (!list) {
        // An instance's own error is its entry's, never the whole request's (seed 002: OperationDetails).
        const a = readAnswer(c, x);
        const whole = a.error?.code;
        if (c.expect.kind !== 'reject' && whole !== undefined && kinds.some((k) => codeOf(k) === whole)) {
          return fail(
            `The whole request was refused with ${whole}, an instance's own error`,
            describeAnswer(x),
            `200, with ${whole} in that instance's OperationDetails entry`,
          );
        }
        return 'not-applicable';
      }
      const requested = ids(c);
      c.expect.instances.forEach((kind, i) => {
        if (!kinds.includes(kind)) return;
        const detail = list.find((d) => d?.InstanceId === requested[i]) ?? list[i];
        if (!detail || !('Error' in detail)) return; // an entry without Error is detail-shape's to judge
        const got = detail?.Error?.Code ?? (detail?.Error === null ? null : undefined);
        if (got === 'FlowLimitExceeded') return; // throttling is not a violation (ecs.attach-key-pair.flow-limit)
        const want = codeOf(kind);
        if (got !== want)
          fail(`Instance ${requested[i]} (${kind}) got ${JSON.stringify(got)}`, describeAnswer(x), `Error ${want === null ? 'null' : `.Code ${want}`}`);
      });
      return 'held';
    },
    { owns: { places: (p) => inDetails(p)?.index !== undefined && p.instance !== undefined && kinds.includes(p.instance) } },
  );
}

const knownKeyPairId = (c: Case, ctx: CheckContext) => ctx.facts.volcengine!.keyPairIds.some((id) => id === c.request.logical?.KeyPairId);
const tokenMalformed = (c: Case): boolean | 'undocumented' => {
  const token = String(c.request.logical?.ClientToken ?? '');
  if ([...token].length > 64 || /[^\x00-\x7f]/.test(token)) return true;
  // ASCII control characters are neither allowed nor refused by the documents (RULES.md, "Not documented").
  return /[\x00-\x1f\x7f]/.test(token) ? 'undocumented' : false;
};

/** The rules of AttachKeyPair (seed 002), but the ClientToken sequences, which the model judges. */
export const ECS_ATTACH_CHECKS: Check[] = [
  defineCheck('ecs.attach-key-pair.success-status', OPS, (c, x, _ctx, fail) => {
    if (!x.response) return 'not-applicable';
    const a = readAnswer(c, x);
    if (c.expect.kind !== 'accept' && !a.success) return 'not-applicable';
    if (a.status !== 200 || !details(a))
      return fail('A request that passes validation is not 200 with OperationDetails', describeAnswer(x), '200 with Result.OperationDetails');
    return 'held';
  }),
  requestRule('ecs.attach-key-pair.instance-ids-required', (c) => ids(c).length === 0),
  requestRule('ecs.attach-key-pair.max-100', (c) => ids(c).length > 100),
  requestRule('ecs.attach-key-pair.keypair-required', (c) => !c.request.logical?.KeyPairName && !c.request.logical?.KeyPairId),
  requestRule('ecs.attach-key-pair.keypair-not-found', () => true),
  requestRule('ecs.attach-key-pair.keypair-id-wins', (c, ctx) => !knownKeyPairId(c, ctx)),
  requestRule('ecs.attach-key-pair.client-token-format', tokenMalformed),
  defineCheck(
    'ecs.attach-key-pair.one-detail-per-instance',
    OPS,
    (c, x, _ctx, fail) => {
      const list = detailsOf200(c, x);
      if (!list) return 'not-applicable';
      const got = list.map((d) => d?.InstanceId).sort();
      const wanted = ids(c).sort();
      if (JSON.stringify(got) !== JSON.stringify(wanted))
        return fail('OperationDetails do not match the requested ids', JSON.stringify(got), JSON.stringify(wanted));
      return 'held';
    },
    // The list itself (another number of entries), not one instance's entry.
    { owns: { places: (p) => inDetails(p) !== undefined && inDetails(p)!.index === undefined } },
  ),
  defineCheck('ecs.attach-key-pair.detail-shape', OPS, (c, x, _ctx, fail) => {
    const list = detailsOf200(c, x);
    if (!list) return 'not-applicable';
    for (const d of list) {
      const errorOk = d?.Error === null || (typeof d?.Error?.Code === 'string' && typeof d?.Error?.Message === 'string');
      if (typeof d?.InstanceId !== 'string' || !('Error' in (d ?? {})) || !errorOk)
        return fail('OperationDetails entry of the wrong shape', JSON.stringify(d), '{InstanceId, Error: null | {Code, Message}}');
    }
    return 'held';
  }),
  instanceRule('ecs.attach-key-pair.instance-not-found'),
  instanceRule('ecs.attach-key-pair.windows'),
  instanceRule('ecs.attach-key-pair.no-agent'),
  instanceRule('ecs.attach-key-pair.instance-status'),
  instanceRule('ecs.attach-key-pair.running-and-stopped'),
  defineCheck('ecs.attach-key-pair.flow-limit', OPS, (c, x, _ctx, fail) => {
    const answers = [...x.throttled, ...(x.response?.status === 429 ? [x.response] : [])];
    if (answers.length === 0) return 'not-applicable';
    for (const r of answers) {
      if (!THROTTLE_CODES.includes(readResponse(c, r, x.request).error?.code ?? '')) {
        return fail('Throttling with an undocumented code', `${r.status} ${r.text.slice(0, 200)}`, '429 FlowLimitExceeded or RequestLimitExceeded');
      }
    }
    return 'held';
  }),
  defineCheck('ecs.attach-key-pair.error-code-documented', OPS, (c, x, _ctx, fail) => {
    if (!x.response || x.response.status === 413) return 'not-applicable';
    const a = readAnswer(c, x);
    const codes = [a.error?.code, ...(details(a) ?? []).map((d) => d?.Error?.Code)].filter((k): k is string => typeof k === 'string');
    if (codes.length === 0) return 'not-applicable';
    const unknown = codes.filter((k) => !CATALOGUE.has(k));
    if (unknown.length > 0) return fail('Undocumented error code', unknown.join(', '), 'a request-level, per-instance or gateway code of the documents');
    return 'held';
  }),
];
