import type { RuleId, ServerRuleId } from '../../rules/rules.ts';

/** What the mock does instead when told to break a rule, and which other rules that cannot help breaking. */
export interface FaultSpec {
  readonly effect: string;
  /** Rules that necessarily break with this one (a generic check that covers the same answer). */
  readonly alsoBreaks?: readonly RuleId[];
}

/**
 * One fault per rule id of docs/RULES.md: the type makes a missing rule a compile error. Each effect is
 * chosen to break its own rule and as few others as the rules allow.
 */
export const FAULTS: Record<ServerRuleId, FaultSpec> = {
  'kps.associate.status-documented': { effect: 'an unknown keypair_name is answered 409 (undocumented) instead of 400' },
  'kps.batch-associate.status-documented': { effect: 'an unknown keypair_name is answered 409 (undocumented) instead of 400' },
  'ecs.attach-key-pair.status-documented': {
    effect: 'InvalidKeyPair.NotFound is answered 410 instead of 404',
    alsoBreaks: ['ecs.attach-key-pair.keypair-not-found', 'ecs.attach-key-pair.keypair-id-wins'],
  },
  'kps.associate.response-schema': { effect: 'a success body carries error_code as a number' },
  'kps.batch-associate.response-schema': { effect: 'a SUCCESS task carries error_msg as a number' },
  'ecs.attach-key-pair.response-schema': { effect: 'an error envelope carries CodeN as a string' },
  'kps.associate.content-type': { effect: 'success bodies are labelled text/plain' },
  'kps.batch-associate.content-type': { effect: 'success bodies are labelled text/plain' },
  'ecs.attach-key-pair.content-type': { effect: 'success bodies are labelled text/plain' },
  'kps.associate.rejects-invalid': { effect: 'a JSON body that is not an object (array, string, number) is accepted with 202' },
  'kps.batch-associate.rejects-invalid': { effect: 'a JSON body that is not an object (array, string, number) is accepted with 202' },
  'ecs.attach-key-pair.rejects-invalid': { effect: 'more than 100 instance ids are accepted', alsoBreaks: ['ecs.attach-key-pair.max-100'] },
  'kps.associate.accepts-valid': { effect: 'a valid request that carries server.port is rejected with 400 KPS.0002' },
  'kps.batch-associate.accepts-valid': { effect: 'a valid batch whose entries carry server.port is rejected with 400 KPS.0002' },
  'ecs.attach-key-pair.accepts-valid': {
    effect: 'a valid request with KeyPairId and no KeyPairName is rejected with 400 MissingParameter.KeyPairNameAndKeyPairId',
    alsoBreaks: ['ecs.attach-key-pair.success-status'],
  },
  'kps.associate.no-server-error': { effect: 'a request with server.disable_password true is answered 500 KPS.0003' },
  'kps.batch-associate.no-server-error': { effect: 'a batch with disable_password true is answered 500 KPS.0003' },
  'ecs.attach-key-pair.no-server-error': {
    effect: 'a request with KeyPairId and no KeyPairName is answered 500 InternalError',
    alsoBreaks: ['ecs.attach-key-pair.success-status'],
  },
  'kps.associate.request-id': { effect: 'responses carry no X-Request-Id header' },
  'kps.batch-associate.request-id': { effect: 'responses carry no X-Request-Id header' },
  'ecs.attach-key-pair.request-id': { effect: 'ResponseMetadata.RequestId is empty', alsoBreaks: ['ecs.envelope', 'ecs.attach-key-pair.response-schema'] },
  'kps.auth.required': { effect: 'a request with neither X-Auth-Token nor Authorization is processed' },
  'kps.auth.bad-signature': { effect: 'an AK/SK signature is not checked (a known AK is enough)' },
  'kps.auth.stale-date': { effect: 'X-Sdk-Date is not compared with the clock' },
  'kps.error-shape': {
    effect: 'error bodies are {"code", "message"}',
    alsoBreaks: [
      'kps.associate.response-schema',
      'kps.batch-associate.response-schema',
      'kps.associate.rejects-invalid',
      'kps.batch-associate.rejects-invalid',
      'kps.associate.malformed-json',
      'kps.auth.bad-signature',
    ],
  },
  'kps.error-code-documented': { effect: 'parameter errors carry error_code KPS.PARAM' },
  'kps.associate.success-status': { effect: 'success is answered 201', alsoBreaks: ['kps.associate.status-documented'] },
  'kps.associate.task-id': { effect: 'a SUCCESS body carries an empty task_id', alsoBreaks: ['kps.associate.response-schema'] },
  'kps.associate.status-enum': { effect: 'a success body says status "OK"', alsoBreaks: ['kps.associate.response-schema'] },
  'kps.associate.failed-has-error': { effect: 'a FAILED body (unknown server) carries no error_code or error_msg' },
  'kps.associate.server-id-echo': { effect: 'server_id names another server' },
  'kps.associate.keypair-name-required': { effect: 'a body without keypair_name is accepted', alsoBreaks: ['kps.associate.rejects-invalid'] },
  'kps.associate.server-required': { effect: 'a body without server is accepted', alsoBreaks: ['kps.associate.rejects-invalid'] },
  'kps.associate.server-id-required': { effect: 'a body without server.id is accepted', alsoBreaks: ['kps.associate.rejects-invalid'] },
  'kps.associate.auth-type-enum': { effect: 'any server.auth.type is accepted', alsoBreaks: ['kps.associate.rejects-invalid'] },
  'kps.associate.field-types': { effect: 'members of the wrong JSON type are accepted', alsoBreaks: ['kps.associate.rejects-invalid'] },
  'kps.associate.port-range': { effect: 'any integer port is accepted' },
  'kps.associate.malformed-json': { effect: 'a body that is not JSON is answered 413 APIGW.0201 instead of 400' },
  'kps.associate.unknown-keypair': { effect: 'an unknown keypair_name is accepted' },
  'kps.associate.unknown-server': { effect: 'an unknown server.id gets a SUCCESS task' },
  'kps.associate.replace-or-reset': { effect: 'a reset (no auth) of a running server gets status FAILED' },
  'kps.batch-associate.success-status': { effect: 'success is answered 201', alsoBreaks: ['kps.batch-associate.status-documented'] },
  'kps.batch-associate.batch-required': { effect: 'a body without batch_keypairs is accepted', alsoBreaks: ['kps.batch-associate.rejects-invalid'] },
  'kps.batch-associate.max-10': { effect: 'more than 10 entries are accepted', alsoBreaks: ['kps.batch-associate.rejects-invalid'] },
  'kps.batch-associate.non-empty': { effect: 'an empty batch_keypairs is accepted' },
  'kps.batch-associate.same-keypair': { effect: 'entries naming different key pairs are accepted', alsoBreaks: ['kps.batch-associate.rejects-invalid'] },
  'kps.batch-associate.item-validation': {
    effect: 'entries that break the AssociateKeypair rules get FAILED tasks instead of a 400',
    // An entry without a server has no id for its task to echo.
    alsoBreaks: ['kps.batch-associate.rejects-invalid', 'kps.batch-associate.one-task-per-server'],
  },
  'kps.batch-associate.status-enum': { effect: 'a failed task says status "Fail"', alsoBreaks: ['kps.batch-associate.response-schema'] },
  'kps.batch-associate.success-has-task-id': { effect: 'SUCCESS tasks carry no task_id', alsoBreaks: ['kps.batch-associate.response-schema'] },
  'kps.batch-associate.failed-has-error': { effect: 'FAILED tasks carry no error_code or error_msg' },
  'kps.batch-associate.one-task-per-server': { effect: 'tasks come in reverse request order' },
  'kps.batch-associate.not-running': { effect: 'stopped servers get SUCCESS tasks' },
  'kps.batch-associate.already-bound': { effect: 'bound servers, and servers with a bind in flight, get SUCCESS tasks' },
  'kps.batch-associate.partial-independence': { effect: 'when one entry fails, every entry is FAILED' },
  'kps.task.lookup': { effect: 'task_status is "DONE"' },
  'kps.task.terminal': { effect: 'tasks never leave RUNNING_*' },
  'ecs.auth.required': { effect: 'an unsigned request is processed' },
  'ecs.auth.bad-signature': { effect: 'a signature is not checked (a known AK is enough)' },
  'ecs.auth.stale-date': { effect: 'X-Date is not compared with the clock' },
  'ecs.auth.unknown-access-key': { effect: 'an unknown access key gets 401 SignatureDoesNotMatch' },
  'ecs.envelope': { effect: 'success envelopes carry no ResponseMetadata.Service', alsoBreaks: ['ecs.attach-key-pair.response-schema', 'ecs.envelope-echo'] },
  'ecs.envelope-echo': { effect: 'ResponseMetadata.Region names another region' },
  'ecs.version': { effect: 'any Version is processed as 2020-04-01' },
  'ecs.attach-key-pair.success-status': { effect: 'success is answered 202', alsoBreaks: ['ecs.attach-key-pair.status-documented'] },
  'ecs.attach-key-pair.instance-ids-required': {
    effect: 'a request without InstanceIds.N is answered 200 with no details',
    alsoBreaks: ['ecs.attach-key-pair.rejects-invalid'],
  },
  'ecs.attach-key-pair.max-100': { effect: 'more than 100 instance ids are accepted', alsoBreaks: ['ecs.attach-key-pair.rejects-invalid'] },
  'ecs.attach-key-pair.keypair-required': {
    effect: 'a request with neither KeyPairName nor KeyPairId is accepted',
    alsoBreaks: ['ecs.attach-key-pair.rejects-invalid'],
  },
  'ecs.attach-key-pair.keypair-not-found': { effect: 'an unknown key pair is accepted', alsoBreaks: ['ecs.attach-key-pair.keypair-id-wins'] },
  'ecs.attach-key-pair.keypair-id-wins': { effect: 'KeyPairName wins when both are set' },
  'ecs.attach-key-pair.client-token-format': { effect: 'any ClientToken is accepted', alsoBreaks: ['ecs.attach-key-pair.rejects-invalid'] },
  // A concurrent duplicate that reaches the mock after the first call finished is a replay: reversed, its
  // details are a second result, which idempotent-processing forbids. Whether one does depends on timing.
  'ecs.attach-key-pair.idempotent-replay': {
    effect: 'a replay returns the details in reverse order',
    alsoBreaks: ['ecs.attach-key-pair.idempotent-processing'],
  },
  'ecs.attach-key-pair.idempotent-mismatch': { effect: 'a reused ClientToken with other parameters is processed as new' },
  'ecs.attach-key-pair.idempotent-processing': { effect: 'a duplicate while the first is in process gets IdempotentParameterMismatch' },
  'ecs.attach-key-pair.one-detail-per-instance': { effect: 'OperationDetails carries an extra entry for an id not requested' },
  'ecs.attach-key-pair.detail-shape': { effect: 'successful entries omit Error instead of null', alsoBreaks: ['ecs.attach-key-pair.response-schema'] },
  'ecs.attach-key-pair.instance-not-found': { effect: 'an unknown instance gets Error null' },
  'ecs.attach-key-pair.windows': { effect: 'a Windows instance gets Error null' },
  'ecs.attach-key-pair.no-agent': { effect: 'an instance without the agent gets Error null' },
  'ecs.attach-key-pair.instance-status': { effect: 'a transitional instance gets Error null' },
  'ecs.attach-key-pair.running-and-stopped': { effect: 'a stopped instance gets InvalidInstanceStatus' },
  'ecs.attach-key-pair.flow-limit': { effect: 'every 10th AttachKeyPair is throttled with 429 TooManyRequests (undocumented code)' },
  'ecs.attach-key-pair.error-code-documented': { effect: 'an unknown query parameter is answered 400 UnknownParameter' },
};

/** Every rule id the mock can break: one fault per rule (FAULTS). */
export const FAULTABLE_RULES = Object.keys(FAULTS) as ServerRuleId[];

/** A named variant: another way to break one rule, with the rule it breaks. */
export interface VariantFaultSpec extends FaultSpec {
  readonly rule: ServerRuleId;
}

const ERROR_SHAPE_READERS = FAULTS['kps.error-shape'].alsoBreaks!;

/**
 * Variant faults, `<rule-id>:<name>`: the ways a real server gets a rule wrong that FAULTS' one per rule
 * does not show (an edge off by one, a refusal that still acts). Each breaks its rule and as few others
 * as it can; `alsoBreaks` lists the ones it cannot help breaking.
 */
export const VARIANT_FAULTS = {
  'kps.auth.required:carried-out': {
    rule: 'kps.auth.required',
    effect: 'a bind with neither X-Auth-Token nor Authorization is answered 401 but carried out: its task starts and the server ends bound',
  },
  'kps.auth.bad-signature:carried-out': {
    rule: 'kps.auth.bad-signature',
    effect: 'a bind whose AK/SK signature does not match (wrong SK, body changed) is answered 401 but carried out: its task starts and the server ends bound',
  },
  'ecs.auth.bad-signature:token-taken': {
    rule: 'ecs.auth.bad-signature',
    effect:
      'a wrongly signed AttachKeyPair is answered 401, but its ClientToken is recorded with its parameters (a later valid call with other parameters gets IdempotentParameterMismatch)',
  },
  'ecs.auth.required:token-taken': {
    rule: 'ecs.auth.required',
    effect:
      'an unsigned AttachKeyPair is answered 401, but its ClientToken is recorded with its parameters (a later valid call with other parameters gets IdempotentParameterMismatch)',
  },
  'ecs.auth.bad-signature:any-region': {
    rule: 'ecs.auth.bad-signature',
    effect: "a credential scope naming another region than the endpoint's is accepted, and that region echoed (another service is still refused)",
  },
  'ecs.attach-key-pair.client-token-format:off-by-one': {
    rule: 'ecs.attach-key-pair.client-token-format',
    effect: 'a 65-character ClientToken is accepted (66 and more are still refused)',
    alsoBreaks: ['ecs.attach-key-pair.rejects-invalid'],
  },
  'ecs.attach-key-pair.max-100:off-by-one': {
    rule: 'ecs.attach-key-pair.max-100',
    effect: 'exactly 101 instance ids are accepted (102 and more are still refused)',
    alsoBreaks: ['ecs.attach-key-pair.rejects-invalid'],
  },
  'kps.batch-associate.max-10:off-by-one': {
    rule: 'kps.batch-associate.max-10',
    effect: 'exactly 11 batch entries are accepted (12 and more are still refused)',
    alsoBreaks: ['kps.batch-associate.rejects-invalid'],
  },
  'ecs.envelope:wrong-defaults': {
    rule: 'ecs.envelope',
    effect: 'for a request without Version, the envelope says Version 2019-01-01 (neither absent nor the default)',
  },
  'ecs.attach-key-pair.instance-not-found:whole-404': {
    rule: 'ecs.attach-key-pair.instance-not-found',
    effect: "a request naming an unknown instance is refused whole, 404 InvalidInstance.NotFound, instead of that instance's own entry",
    // A valid request refused: the suite says so too (fidelity charges the difference to instance-not-found alone).
    alsoBreaks: ['ecs.attach-key-pair.accepts-valid', 'ecs.attach-key-pair.success-status', 'ecs.attach-key-pair.max-100'],
  },
  'ecs.attach-key-pair.idempotent-replay:answers-mismatch': {
    rule: 'ecs.attach-key-pair.idempotent-replay',
    effect: 'a replay (the same ClientToken and parameters) is answered 400 IdempotentParameterMismatch',
    // A concurrent copy that arrives after the first one ended is a replay too: timing decides which it meets.
    alsoBreaks: ['ecs.attach-key-pair.idempotent-processing'],
  },
  'ecs.attach-key-pair.idempotent-mismatch:409': {
    rule: 'ecs.attach-key-pair.idempotent-mismatch',
    effect: 'a reused ClientToken with other parameters is answered 409 (not 400) IdempotentParameterMismatch',
    alsoBreaks: ['ecs.attach-key-pair.status-documented'],
  },
  'kps.error-shape:nested-wrong': {
    rule: 'kps.error-shape',
    effect: 'error bodies are nested, {"error": {"error_code"}}, the inner object without error_msg (whatever kpsErrorForm says)',
    // Every check that reads an error body sees the same broken shape as with the kps.error-shape fault.
    alsoBreaks: ERROR_SHAPE_READERS,
  },
} as const satisfies Record<`${ServerRuleId}:${string}`, VariantFaultSpec>;

export type VariantFaultId = keyof typeof VARIANT_FAULTS;

/** What `faults` / `--fault` accept: a rule id (FAULTS) or a variant (VARIANT_FAULTS). */
export type FaultId = ServerRuleId | VariantFaultId;

/** Every fault id, rules first, then variants. */
export const ALL_FAULTS: readonly FaultId[] = [...FAULTABLE_RULES, ...(Object.keys(VARIANT_FAULTS) as VariantFaultId[])];

/** The rule a fault breaks, what it does, and what else it breaks, for either kind. */
export function describeFault(id: FaultId): VariantFaultSpec {
  if (id in VARIANT_FAULTS) return VARIANT_FAULTS[id as VariantFaultId];
  return { rule: id as ServerRuleId, ...FAULTS[id as ServerRuleId] };
}
