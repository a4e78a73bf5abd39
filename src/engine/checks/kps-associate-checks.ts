import type { RuleId } from '../../rules/rules.ts';
import type { Case, ServerKnowledge } from '../cases/case.ts';
import type { KpsRequestJson } from '../cases/huawei/kps-request-json.ts';
import type { Exchange } from '../transport/exchange.ts';
import type { AnswerPlace, Check, Fail, Judgement, Ownership } from './check.ts';
import { defineCheck } from './check.ts';
import { describeAnswer } from '../transport/answer.ts';
import { readAnswer } from './read-answer.ts';

const OPS = ['kps.associate'] as const;
const SUCCESS_STATUSES = [202, 200];
/** Codes the rule names for an unknown key pair ("should: KPS.4016 or KPS.6004"); another 4xx code still holds. */
const UNKNOWN_KEYPAIR_CODES = ['KPS.4016', 'KPS.6004'];

/** A top-level member of the bind's answer. */
const member = (p: AnswerPlace): string | undefined => (p.path.length === 2 && p.path[0] === 'body' ? String(p.path[1]) : undefined);

/** The bind's outcome (status, task_id, its error) on a server the suite knew to be `knowledge`. */
const ownsOutcomeOn = (knowledge: ServerKnowledge): Ownership => ({
  places: (p) => p.server === knowledge && ['status', 'task_id', 'error_code', 'error_msg'].includes(member(p) ?? ''),
});

/** A check that applies to AssociateKeypair cases made for `rule` (their `expect.rules` name it). */
function forCasesOf(rule: RuleId, judge: (c: Case, x: Exchange, fail: Fail) => Judgement, options: { owns?: Ownership } = {}): Check {
  return defineCheck(rule, OPS, (c, x, _ctx, fail) => (c.expect.rules.includes(rule) && x.response ? judge(c, x, fail) : 'not-applicable'), options);
}

/** A documented parameter error: 400 (RULES.md: "→ 400"); a case that breaks several rules may get any of their errors. */
function rejected400(rule: RuleId, title: string): Check {
  return forCasesOf(rule, (c, x, fail) => {
    if (readAnswer(c, x).status !== 400) return fail(title, describeAnswer(x), `400 (${c.title})`);
    return 'held';
  });
}

/** A check on every successful AssociateKeypair body. */
function onSuccessBody(
  rule: RuleId,
  judge: (body: Record<string, unknown>, c: Case, x: Exchange, fail: Fail) => Judgement,
  options: { owns?: Ownership } = {},
): Check {
  return defineCheck(
    rule,
    OPS,
    (c, x, _ctx, fail) => {
      const { success, body } = readAnswer(c, x);
      return success && body ? judge(body, c, x, fail) : 'not-applicable';
    },
    options,
  );
}

/** The rules of AssociateKeypair (seeds 000, 003). */
export const KPS_ASSOCIATE_CHECKS: Check[] = [
  defineCheck('kps.associate.success-status', OPS, (c, x, _ctx, fail) => {
    const { success, status } = readAnswer(c, x);
    if (!success) return 'not-applicable';
    if (!SUCCESS_STATUSES.includes(status!))
      return fail('Success status is neither documented variant', String(status), '202 (seeds) or 200 (earlier revisions, SDKs)');
    return { variant: String(status) };
  }),
  // The page's example answers with task_id alone, its table lists server_id and status too: both are read.
  onSuccessBody('kps.associate.task-id', (body, _c, x, fail) => {
    if (body.status === 'FAILED') return 'not-applicable';
    if (typeof body.task_id !== 'string' || body.task_id === '')
      return fail('Success without a task id', describeAnswer(x), 'a non-empty task_id unless status is FAILED');
    return { variant: Object.keys(body).every((k) => k === 'task_id') ? 'task-id-only' : 'full' };
  }),
  onSuccessBody('kps.associate.status-enum', (body, _c, x, fail) => {
    // "when present": a body without status keeps the rule; the reading is recorded, not judged.
    if (body.status === undefined) return { variant: 'status-absent' };
    if (body.status !== 'SUCCESS' && body.status !== 'FAILED') return fail('Undocumented status', describeAnswer(x), 'SUCCESS or FAILED');
    return 'held';
  }),
  onSuccessBody('kps.associate.failed-has-error', (body, _c, x, fail) => {
    if (body.status !== 'FAILED') return 'not-applicable';
    if (typeof body.error_code !== 'string' || typeof body.error_msg !== 'string') {
      return fail('FAILED without error_code and error_msg', describeAnswer(x), 'error_code and error_msg on a FAILED response');
    }
    return 'held';
  }),
  onSuccessBody(
    'kps.associate.server-id-echo',
    (body, c, x, fail) => {
      const requested = (c.request.body as KpsRequestJson | null | undefined)?.server?.id;
      if (typeof requested !== 'string') return 'not-applicable';
      if (body.server_id === undefined) return { variant: 'server-id-absent' };
      if (body.server_id !== requested) return fail('server_id is not the requested server', describeAnswer(x), `server_id ${JSON.stringify(requested)}`);
      return 'held';
    },
    { owns: { places: (p) => member(p) === 'server_id', echo: true } },
  ),
  rejected400('kps.associate.keypair-name-required', 'Missing keypair_name accepted'),
  rejected400('kps.associate.server-required', 'Missing server accepted'),
  rejected400('kps.associate.server-id-required', 'Missing server.id accepted'),
  rejected400('kps.associate.auth-type-enum', 'Undocumented auth.type accepted'),
  rejected400('kps.associate.field-types', 'Member of the wrong JSON type accepted'),
  rejected400('kps.associate.port-range', 'Port outside 1-65535 accepted'),
  forCasesOf('kps.associate.malformed-json', (c, x, fail) => {
    const a = readAnswer(c, x);
    if (a.status !== 400 || !a.error)
      return fail('Malformed JSON not answered 400 with the error shape', describeAnswer(x), `400 {error_code, error_msg}, flat or nested (${c.title})`);
    return 'held';
  }),
  forCasesOf('kps.associate.unknown-keypair', (c, x, fail) => {
    const a = readAnswer(c, x);
    if (a.status! < 400 || a.status! >= 500) return fail('Unknown key pair accepted', describeAnswer(x), `4xx (KPS.4016 or KPS.6004) (${c.title})`);
    // The code is a should inside a must rule: another code keeps the rule, and is recorded as such.
    const code = a.error?.code;
    return { variant: code !== undefined && UNKNOWN_KEYPAIR_CODES.includes(code) ? code : 'other-code' };
  }),
  forCasesOf(
    'kps.associate.unknown-server',
    (c, x, fail) => {
      const a = readAnswer(c, x);
      if (a.status! >= 400 && a.status! < 500) return { variant: 'rejected' };
      if (a.success && a.body?.status === 'FAILED') return { variant: 'failed-body' };
      return fail('Unknown server not refused', describeAnswer(x), `4xx, or a success body with status FAILED (${c.title})`);
    },
    { owns: ownsOutcomeOn('unknown-server') },
  ),
  forCasesOf(
    'kps.associate.replace-or-reset',
    (c, x, fail) => {
      const a = readAnswer(c, x);
      const accepted = a.success && a.body?.status !== 'FAILED';
      if (!accepted) {
        const kind = (c.request.body as KpsRequestJson | null | undefined)?.server?.auth ? 'replace (with auth)' : 'reset (without auth)';
        return fail(`A ${kind} was not accepted`, describeAnswer(x), `accepted on servers.running (${c.title})`);
      }
      return 'held';
    },
    // A bind on a running, unbound server: its outcome is this rule's.
    { owns: ownsOutcomeOn('fresh') },
  ),
];
