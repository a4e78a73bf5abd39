import type { RuleId } from '../../rules/rules.ts';
import type { Case } from '../cases/case.ts';
import type { Exchange } from '../transport/exchange.ts';
import type { Check, Judgement } from './check.ts';
import { ContractFailure } from './contract-failure.ts';
import { bodyObject, describeAnswer, isSuccess } from './_internals/answer.ts';

const OP = 'kps.associate';
const SUCCESS_STATUSES = [202, 200];

/** A check that applies to AssociateKeypair cases made for `rule` (their `expect.rules` name it). */
function forCasesOf(rule: RuleId, judge: (c: Case, x: Exchange) => Judgement): Check {
  return {
    rule,
    judge: (c, x) => (c.operation === OP && c.expect.rules.includes(rule) && x.response ? judge(c, x) : 'not-applicable'),
  };
}

/** A documented parameter error: 400 (RULES.md: "→ 400"); a case that breaks several rules may get any of their errors. */
function rejected400(rule: RuleId, title: string): Check {
  return forCasesOf(rule, (c, x) => {
    if (x.response!.status !== 400) throw new ContractFailure(rule, title, describeAnswer(x), `400 (${c.title})`);
    return 'held';
  });
}

/** A check on every successful AssociateKeypair body. */
function onSuccessBody(rule: RuleId, judge: (body: Record<string, any>, c: Case, x: Exchange) => Judgement): Check {
  return {
    rule,
    judge(c, x) {
      if (c.operation !== OP || !isSuccess(x.response)) return 'not-applicable';
      const body = bodyObject(x.response);
      return body ? judge(body, c, x) : 'not-applicable';
    },
  };
}

/** The rules of AssociateKeypair (seeds 000, 003). */
export const KPS_ASSOCIATE_CHECKS: Check[] = [
  {
    rule: 'kps.associate.success-status',
    judge(c, x) {
      if (c.operation !== OP || !isSuccess(x.response)) return 'not-applicable';
      if (!SUCCESS_STATUSES.includes(x.response.status)) {
        throw new ContractFailure('kps.associate.success-status', 'Success status is neither documented variant', String(x.response.status), '202 (seeds) or 200 (earlier revisions, SDKs)');
      }
      return { variant: String(x.response.status) };
    },
  },
  onSuccessBody('kps.associate.task-id', (body, _c, x) => {
    if (body.status === 'FAILED') return 'not-applicable';
    if (typeof body.task_id !== 'string' || body.task_id === '') {
      throw new ContractFailure('kps.associate.task-id', 'Success without a task id', describeAnswer(x), 'a non-empty task_id unless status is FAILED');
    }
    return 'held';
  }),
  onSuccessBody('kps.associate.status-enum', (body, _c, x) => {
    if (body.status === undefined) return 'not-applicable';
    if (body.status !== 'SUCCESS' && body.status !== 'FAILED') {
      throw new ContractFailure('kps.associate.status-enum', 'Undocumented status', describeAnswer(x), 'SUCCESS or FAILED');
    }
    return 'held';
  }),
  onSuccessBody('kps.associate.failed-has-error', (body, _c, x) => {
    if (body.status !== 'FAILED') return 'not-applicable';
    if (typeof body.error_code !== 'string' || typeof body.error_msg !== 'string') {
      throw new ContractFailure('kps.associate.failed-has-error', 'FAILED without error_code and error_msg', describeAnswer(x), 'error_code and error_msg on a FAILED response');
    }
    return 'held';
  }),
  onSuccessBody('kps.associate.server-id-echo', (body, c, x) => {
    const requested = (c.request.body as any)?.server?.id;
    if (body.server_id === undefined || typeof requested !== 'string') return 'not-applicable';
    if (body.server_id !== requested) {
      throw new ContractFailure('kps.associate.server-id-echo', 'server_id is not the requested server', describeAnswer(x), `server_id ${JSON.stringify(requested)}`);
    }
    return 'held';
  }),
  rejected400('kps.associate.keypair-name-required', 'Missing keypair_name accepted'),
  rejected400('kps.associate.server-required', 'Missing server accepted'),
  rejected400('kps.associate.server-id-required', 'Missing server.id accepted'),
  rejected400('kps.associate.auth-type-enum', 'Undocumented auth.type accepted'),
  rejected400('kps.associate.field-types', 'Member of the wrong JSON type accepted'),
  rejected400('kps.associate.port-range', 'Port outside 1-65535 accepted'),
  forCasesOf('kps.associate.malformed-json', (c, x) => {
    const body = bodyObject(x.response);
    if (x.response!.status !== 400 || typeof body?.error_code !== 'string' || typeof body?.error_msg !== 'string') {
      throw new ContractFailure('kps.associate.malformed-json', 'Malformed JSON not answered 400 with the error shape', describeAnswer(x), `400 {error_code, error_msg} (${c.title})`);
    }
    return 'held';
  }),
  forCasesOf('kps.associate.unknown-keypair', (c, x) => {
    const s = x.response!.status;
    if (s < 400 || s >= 500) throw new ContractFailure('kps.associate.unknown-keypair', 'Unknown key pair accepted', describeAnswer(x), `4xx (KPS.4016 or KPS.6004) (${c.title})`);
    return 'held';
  }),
  forCasesOf('kps.associate.unknown-server', (c, x) => {
    const s = x.response!.status;
    const status = bodyObject(x.response)?.status;
    const failedOk = s >= 200 && s < 300 && status === 'FAILED';
    if (!(s >= 400 && s < 500) && !failedOk) {
      throw new ContractFailure('kps.associate.unknown-server', 'Unknown server not refused', describeAnswer(x), `4xx, or a success body with status FAILED (${c.title})`);
    }
    return 'held';
  }),
  forCasesOf('kps.associate.replace-or-reset', (c, x) => {
    const accepted = isSuccess(x.response) && bodyObject(x.response)?.status !== 'FAILED';
    if (!accepted) {
      const kind = (c.request.body as any)?.server?.auth ? 'replace (with auth)' : 'reset (without auth)';
      throw new ContractFailure('kps.associate.replace-or-reset', `A ${kind} was not accepted`, describeAnswer(x), `accepted on servers.running (${c.title})`);
    }
    return 'held';
  }),
];
