import type { RuleId } from '../../rules/rules.ts';
import { listErrorCodes } from '../../spec/error-codes.ts';
import type { Case, InstanceKind } from '../cases/case.ts';
import type { Exchange } from '../transport/exchange.ts';
import type { Check, CheckContext, Judgement } from './check.ts';
import { ContractFailure } from './contract-failure.ts';
import { describeAnswer } from './_internals/answer.ts';
import { readAnswer, readResponse, type Answer } from './read-answer.ts';

const OP = 'ecs.attach-key-pair';
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

/** The documented per-instance Error.Code for each kind of instance (null: the bind succeeds). */
const INSTANCE_CODES: Record<InstanceKind, string | null> = {
  running: null,
  stopped: null,
  windows: 'InvalidKeyPairForWindows.Unsupported',
  noAgent: 'InvalidResetAuthenticationAgent.NotFound',
  transitional: 'InvalidInstanceStatus',
  unknown: 'InvalidInstance.NotFound',
};

const ids = (c: Case): string[] => [...((c.request.logical?.InstanceIds as readonly string[] | undefined) ?? [])];
const details = (a: Answer): any[] | undefined => {
  const d = (a.volcengine?.result as Record<string, unknown> | undefined)?.OperationDetails;
  return Array.isArray(d) ? d : undefined;
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
  return {
    rule,
    judge(c, x, ctx) {
      if (c.operation !== OP || !c.expect.rules.includes(rule) || !x.response) return 'not-applicable';
      const want = REQUEST_ERRORS[rule]!;
      const broken = breaks(c, ctx);
      if (broken === 'undocumented') return 'not-applicable';
      if (broken) {
        if (!matchesABrokenRule(c, x)) throw new ContractFailure(rule, 'Documented error not returned', describeAnswer(x), `${want.status} ${want.code} (${c.title})`);
      } else if (!readAnswer(c, x).success) {
        throw new ContractFailure(rule, 'Request refused that the documents allow', describeAnswer(x), `success (${c.title})`);
      }
      return 'held';
    },
  };
}

/** The rule that owns each instance kind's per-instance answer (fidelity charges a difference there). */
export const INSTANCE_RULES: Readonly<Record<InstanceKind, RuleId>> = {
  running: 'ecs.attach-key-pair.running-and-stopped',
  stopped: 'ecs.attach-key-pair.running-and-stopped',
  windows: 'ecs.attach-key-pair.windows',
  noAgent: 'ecs.attach-key-pair.no-agent',
  transitional: 'ecs.attach-key-pair.instance-status',
  unknown: 'ecs.attach-key-pair.instance-not-found',
};

/** The rule that owns a per-instance error code. */
export function instanceRuleOfCode(code: string): RuleId | undefined {
  const kind = (Object.keys(INSTANCE_CODES) as InstanceKind[]).find((k) => INSTANCE_CODES[k] === code);
  return kind ? INSTANCE_RULES[kind] : undefined;
}

/** A per-instance rule: every requested instance of `kind` gets its documented Error. */
function instanceRule(rule: RuleId, kinds: InstanceKind[]): Check {
  return {
    rule,
    judge(c, x) {
      if (c.operation !== OP || !c.expect.instances?.some((k) => kinds.includes(k))) return 'not-applicable';
      const list = detailsOf200(c, x);
      if (!list) {
        // An instance's own error is its entry's, never the whole request's (seed 002: OperationDetails).
        const a = readAnswer(c, x);
        const whole = a.error?.code;
        if (c.expect.kind !== 'reject' && whole !== undefined && kinds.some((k) => INSTANCE_CODES[k] === whole)) {
          throw new ContractFailure(rule, `The whole request was refused with ${whole}, an instance's own error`, describeAnswer(x), `200, with ${whole} in that instance's OperationDetails entry`);
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
        if (got !== INSTANCE_CODES[kind]) {
          throw new ContractFailure(rule, `Instance ${requested[i]} (${kind}) got ${JSON.stringify(got)}`, describeAnswer(x), `Error ${INSTANCE_CODES[kind] === null ? 'null' : `.Code ${INSTANCE_CODES[kind]}`}`);
        }
      });
      return 'held';
    },
  };
}

const knownKeyPairId = (c: Case, ctx: CheckContext) => ctx.target.volcengine!.fixtures.keyPairs.some((k) => k.id === c.request.logical?.KeyPairId);
const tokenMalformed = (c: Case): boolean | 'undocumented' => {
  const token = String(c.request.logical?.ClientToken ?? '');
  if ([...token].length > 64 || /[^\x00-\x7f]/.test(token)) return true;
  // ASCII control characters are neither allowed nor refused by the documents (RULES.md, "Not documented").
  return /[\x00-\x1f\x7f]/.test(token) ? 'undocumented' : false;
};

/** The rules of AttachKeyPair (seed 002), but the ClientToken sequences, which the model judges. */
export const ECS_ATTACH_CHECKS: Check[] = [
  {
    rule: 'ecs.attach-key-pair.success-status',
    judge(c, x) {
      if (c.operation !== OP || !x.response) return 'not-applicable';
      const a = readAnswer(c, x);
      if (c.expect.kind !== 'accept' && !a.success) return 'not-applicable';
      if (a.status !== 200 || !details(a)) {
        throw new ContractFailure('ecs.attach-key-pair.success-status', 'A request that passes validation is not 200 with OperationDetails', describeAnswer(x), '200 with Result.OperationDetails');
      }
      return 'held';
    },
  },
  requestRule('ecs.attach-key-pair.instance-ids-required', (c) => ids(c).length === 0),
  requestRule('ecs.attach-key-pair.max-100', (c) => ids(c).length > 100),
  requestRule('ecs.attach-key-pair.keypair-required', (c) => !c.request.logical?.KeyPairName && !c.request.logical?.KeyPairId),
  requestRule('ecs.attach-key-pair.keypair-not-found', () => true),
  requestRule('ecs.attach-key-pair.keypair-id-wins', (c, ctx) => !knownKeyPairId(c, ctx)),
  requestRule('ecs.attach-key-pair.client-token-format', tokenMalformed),
  {
    rule: 'ecs.attach-key-pair.one-detail-per-instance',
    judge(c, x) {
      const list = c.operation === OP ? detailsOf200(c, x) : undefined;
      if (!list) return 'not-applicable';
      const got = list.map((d) => d?.InstanceId).sort();
      const wanted = ids(c).sort();
      if (JSON.stringify(got) !== JSON.stringify(wanted)) {
        throw new ContractFailure('ecs.attach-key-pair.one-detail-per-instance', 'OperationDetails do not match the requested ids', JSON.stringify(got), JSON.stringify(wanted));
      }
      return 'held';
    },
  },
  {
    rule: 'ecs.attach-key-pair.detail-shape',
    judge(c, x) {
      const list = c.operation === OP ? detailsOf200(c, x) : undefined;
      if (!list) return 'not-applicable';
      for (const d of list) {
        const errorOk = d?.Error === null || (typeof d?.Error?.Code === 'string' && typeof d?.Error?.Message === 'string');
        if (typeof d?.InstanceId !== 'string' || !('Error' in (d ?? {})) || !errorOk) {
          throw new ContractFailure('ecs.attach-key-pair.detail-shape', 'OperationDetails entry of the wrong shape', JSON.stringify(d), '{InstanceId, Error: null | {Code, Message}}');
        }
      }
      return 'held';
    },
  },
  instanceRule('ecs.attach-key-pair.instance-not-found', ['unknown']),
  instanceRule('ecs.attach-key-pair.windows', ['windows']),
  instanceRule('ecs.attach-key-pair.no-agent', ['noAgent']),
  instanceRule('ecs.attach-key-pair.instance-status', ['transitional']),
  instanceRule('ecs.attach-key-pair.running-and-stopped', ['running', 'stopped']),
  {
    rule: 'ecs.attach-key-pair.flow-limit',
    judge(c, x): Judgement {
      if (c.operation !== OP) return 'not-applicable';
      const answers = [...x.throttled, ...(x.response?.status === 429 ? [x.response] : [])];
      if (answers.length === 0) return 'not-applicable';
      for (const r of answers) {
        if (!THROTTLE_CODES.includes(readResponse(c, r, x.request).error?.code ?? '')) {
          throw new ContractFailure('ecs.attach-key-pair.flow-limit', 'Throttling with an undocumented code', `${r.status} ${r.text.slice(0, 200)}`, '429 FlowLimitExceeded or RequestLimitExceeded');
        }
      }
      return 'held';
    },
  },
  {
    rule: 'ecs.attach-key-pair.error-code-documented',
    judge(c, x) {
      if (c.operation !== OP || !x.response || x.response.status === 413) return 'not-applicable';
      const a = readAnswer(c, x);
      const codes = [a.error?.code, ...(details(a) ?? []).map((d) => d?.Error?.Code)].filter((k): k is string => typeof k === 'string');
      if (codes.length === 0) return 'not-applicable';
      const unknown = codes.filter((k) => !CATALOGUE.has(k));
      if (unknown.length > 0) {
        throw new ContractFailure('ecs.attach-key-pair.error-code-documented', 'Undocumented error code', unknown.join(', '), 'a request-level, per-instance or gateway code of the documents');
      }
      return 'held';
    },
  },
];
