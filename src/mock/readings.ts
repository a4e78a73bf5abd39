/**
 * Where docs/RULES.md (or the documents behind it) leaves room, a reading picks what the mock does. This
 * table is the one place they are defined: `resolveMockOptions` takes its defaults and checks values
 * against it, `conformance mock --reading NAME=VALUE` and `--readings` read it, and docs/mock.md's table
 * is rendered from it (tests/mock/readings.spec.ts keeps them equal). The first value is the default.
 */
export interface ReadingSpec {
  /** Every value the documents allow; the first is the default. */
  readonly values: readonly (string | number)[];
  /** The rule of docs/RULES.md whose words leave the room. */
  readonly rule: string;
  /** Those words. */
  readonly words: string;
  /** What the values make the mock do, in a few words. */
  readonly effect: string;
}

export const READINGS = {
  huaweiSuccessStatus: {
    values: [202, 200],
    rule: 'kps.associate.success-status',
    words: 'success is 202 (the seeds, 2024 revision); earlier revisions of the same page and the SDKs say 200',
    effect: 'the status of every KPS success (binds, DisassociateKeypair)',
  },
  batchFailedStatus: {
    values: ['FAILED', 'Failed'],
    rule: 'kps.batch-associate.status-enum',
    words: "a task's `status` is `SUCCESS` or `FAILED` (the table); the example shows `Failed`",
    effect: 'how a FAILED batch task spells its status',
  },
  kpsErrorForm: {
    values: ['flat', 'nested'],
    rule: 'kps.error-shape',
    words:
      'the nested form, one member of any name holding `{"error_code", "error_msg"}`, … is an accepted variant wherever an error body is read, gateway errors (`APIGW.*`) included',
    effect: 'nested: every KPS and gateway error body is `{"error": {"error_code", "error_msg"}}`, a `request_id` inside',
  },
  kpsRequestIdInBody: {
    values: ['gateway', 'all', 'none'],
    rule: 'kps.error-shape',
    words: "extra members (such as the gateway's `request_id`) allowed",
    effect: 'which error bodies carry `request_id`: gateway (APIGW.*) errors, all, or none',
  },
  associateSuccessBody: {
    values: ['full', 'task-id-only'],
    rule: 'kps.associate.status-enum',
    words: "`status`, when present, is exactly `SUCCESS` or `FAILED`; `server_id`, when present, equals the request's `server.id`",
    effect: 'an AssociateKeypair success carries `task_id`, `server_id` and `status`, or `task_id` alone',
  },
  unknownServer: {
    values: ['failed-body', 'rejected'],
    rule: 'kps.associate.unknown-server',
    words: 'an unknown `server.id` → 4xx, or a success body whose `status` is FAILED; never SUCCESS',
    effect: 'AssociateKeypair on an unknown server: 2xx `status` FAILED with error_code/error_msg, or 400 KPS.0002',
  },
  batchPreconditionFailure: {
    values: ['failed-task', 'rejected'],
    rule: 'kps.batch-associate.not-running',
    words: 'a server from `servers.stopped` fails: its task is FAILED or the whole request is 400; never SUCCESS (`already-bound`: the same way)',
    effect: 'a batch entry on a stopped, bound or unknown server: a FAILED task, or the whole batch 400 KPS.0002',
  },
  kpsUnknownKeypairCode: {
    values: ['KPS.4016', 'KPS.6004'],
    rule: 'kps.associate.unknown-keypair',
    words: 'a `keypair_name` not in `keypairs` → 4xx (should: `KPS.4016` or `KPS.6004`)',
    effect: 'the error_code of an unknown key pair (400)',
  },
  replaceTaskEnd: {
    values: ['RESET', 'REPLACE'],
    rule: 'kps.task.lookup',
    words: '… or SUCCESS_REPLACE / FAILED_REPLACE, which the enum lacks though a replace must end somewhere',
    effect: 'a replace (bind with `auth`) task ends SUCCESS_RESET or SUCCESS_REPLACE',
  },
  taskNames: {
    values: ['documented', 'terraform-bind'],
    rule: 'kps.task.lookup',
    words: 'the `_BIND` names Terraform expects are an accepted variant',
    effect: 'terraform-bind: a bind task ends SUCCESS_BIND / FAILED_BIND (READY_/RUNNING_ stay documented; unbinds keep _UNBIND)',
  },
  ecsCodeN: {
    values: ['absent', 'present'],
    rule: 'ecs.envelope',
    words: 'an error carries `ResponseMetadata.Error` `{Code, Message}` (`CodeN` optional)',
    effect: 'present: gateway errors carry the CodeN CLOUD-FACTS lists for their code; InvalidTimestamp carries 100006 either way (ecs.auth.stale-date)',
  },
  ecsDefaultsEcho: {
    values: ['absent', 'defaults'],
    rule: 'ecs.envelope',
    words: "`Action` and `Version` … when it had none, they may be absent or name the operation's defaults (`AttachKeyPair`, `2020-04-01`)",
    effect: 'for a request without Action or Version, the envelope leaves the missing one out or names the default',
  },
  ecsGatewayEnvelope: {
    values: ['full', 'minimal'],
    rule: 'ecs.envelope',
    words:
      '`Service` and `Region` … may be absent from a gateway error that refuses the request before it reaches a service (a missing `Action` gets only `RequestId` and `Error`)',
    effect: "minimal: the gateway's own errors (authentication, Action/Version, throttling 429) carry only RequestId and Error",
  },
  ecsUnknownAccessKey: {
    values: ['InvalidAccessKey', 'InvalidClientTokenId'],
    rule: 'ecs.auth.unknown-access-key',
    words: 'an unknown access key gets 401 `InvalidAccessKey` (or `InvalidClientTokenId` on another page)',
    effect: 'the code of an unknown access key (401)',
  },
  ecsMissingActionOrVersion: {
    values: ['MissingParameter', 'InvalidActionOrVersion'],
    rule: 'ecs.version',
    words: 'a missing `Action` or `Version` gets 400 `MissingParameter` or 404 `InvalidActionOrVersion`',
    effect: 'the answer to a request without Action or Version',
  },
  messages: {
    values: ['documented', 'alternate'],
    rule: '(none)',
    words: "no rule judges an error's wording: rules name statuses, codes and shapes",
    effect: 'alternate: every error message (and FAILED error_msg, per-instance Message) is worded otherwise',
  },
  severalBroken: {
    values: ['first', 'last'],
    rule: '(top of RULES.md)',
    words: 'Where a request breaks several rules at once, the target may answer with the error of any one of them.',
    effect: 'which of several broken request rules is answered: KPS body schema errors, Volcengine parameter and limit checks',
  },
} as const satisfies Record<string, ReadingSpec>;

export type ReadingName = keyof typeof READINGS;

/** One value per reading. */
export type Readings = { readonly [N in ReadingName]: (typeof READINGS)[N]['values'][number] };

export const READING_NAMES = Object.keys(READINGS) as ReadingName[];

/** Each reading's first value. */
export const DEFAULT_READINGS = Object.fromEntries(READING_NAMES.map((n) => [n, READINGS[n].values[0]])) as unknown as Readings;
