import { expect, test } from '@playwright/test';
import type { Case } from '../../../src/engine/cases/case.ts';
import type { RuleJudgement } from '../../../src/engine/fidelity/judgements.ts';
import { firstDifference, outcomeOf, shapeOf, type Outcome } from '../../../src/engine/fidelity/outcome.ts';
import { chargedRules, pairCases } from '../../../src/engine/fidelity/pair-cases.ts';
import { aggregate, scoreRules } from '../../../src/engine/fidelity/score-fidelity.ts';
import type { KeyedExchange } from '../../../src/engine/fidelity/side-exchanges.ts';
import { Normaliser } from '../../../src/engine/fidelity/transformers.ts';
import type { RuleId } from '../../../src/rules/rules.ts';

const side = (nonce = 'ab12cd34') =>
  new Normaliser({
    nonce,
    fixtures: new Map([['i-running-001', 'volcengine.fixtures.instances.running[0]']]),
    taskOrigins: new Map([['t-1', 'kps.associate/property/valid#3']]),
  });

test.describe('transformers', () => {
  const table: [string, unknown, unknown][] = [
    ['a request id is replaced', { ResponseMetadata: { RequestId: '2026ABC' } }, { ResponseMetadata: { RequestId: '<request-id>' } }],
    ['an empty request id is kept, so its absence still shows', { ResponseMetadata: { RequestId: '' } }, { ResponseMetadata: { RequestId: '' } }],
    ['a task id is replaced', { task_id: '7a67bc80' }, { task_id: '<task-id>' }],
    ['an empty task id is kept', { task_id: '' }, { task_id: '' }],
    ['a looked-up task is named by the answer it came from', { taskId: 't-1' }, { taskId: '<task of kps.associate/property/valid#3>' }],
    ['an ISO date-time is replaced', { at: '2026-12-01T15:45:56Z' }, { at: '<timestamp>' }],
    ['a date alone is not a timestamp', { at: '2026-12-01' }, { at: '2026-12-01' }],
    ['a fixture id becomes its place in the target file', { InstanceId: 'i-running-001' }, { InstanceId: '<volcengine.fixtures.instances.running[0]>' }],
    ["the run's nonce inside a value is replaced", { ClientToken: 'idem-ab12cd34x1' }, { ClientToken: 'idem-<nonce>x1' }],
    ['messages are kept as they are', { error_msg: 'The key pair is not exist' }, { error_msg: 'The key pair is not exist' }],
  ];
  for (const [title, input, expected] of table) {
    test(title, () => {
      // Arrange
      const normaliser = side();

      // Act
      const out = normaliser.normalise(input);

      // Assert
      expect(out).toEqual(expected);
    });
  }

  test('counts what each transformer replaced', () => {
    // Arrange
    const normaliser = side();

    // Act
    normaliser.normalise({ a: { task_id: 'x', RequestId: 'y' }, b: [{ task_id: 'z' }] });

    // Assert
    expect(normaliser.counts.get('task-id')).toBe(2);
    expect(normaliser.counts.get('request-id')).toBe(1);
    expect(normaliser.counts.get('timestamp')).toBe(0);
  });
});

test.describe('outcomes and tiers', () => {
  const outcome = (status: number, body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
    outcomeOf('ecs.attach-key-pair', { status, headers, body }, side());
  const ok = (code: string | null, message = 'm') => ({
    ResponseMetadata: { RequestId: 'r1', Action: 'AttachKeyPair' },
    Result: { OperationDetails: [{ InstanceId: 'i-running-001', Error: code === null ? null : { Code: code, Message: message } }] },
  });

  const table: [string, Outcome, Outcome, string | undefined][] = [
    [
      'equal answers, request ids aside, are equal',
      outcome(200, ok(null)),
      outcome(200, { ...ok(null), ResponseMetadata: { RequestId: 'r2', Action: 'AttachKeyPair' } }),
      undefined,
    ],
    ['another status differs at core', outcome(200, ok(null)), outcome(202, ok(null)), 'core status'],
    ['another media type differs at core', outcome(200, ok(null)), outcome(200, ok(null), { 'content-type': 'text/plain' }), 'core media type'],
    ['media type parameters do not matter', outcome(200, ok(null)), outcome(200, ok(null), { 'content-type': 'application/json; charset=utf-8' }), undefined],
    ['Error null against an object differs in shape, at core', outcome(200, ok(null)), outcome(200, ok('InvalidInstanceStatus')), 'core body shape'],
    [
      'another per-instance code differs at complete',
      outcome(200, ok('InvalidInstanceStatus')),
      outcome(200, ok('InvalidInstance.NotFound')),
      'complete entry results',
    ],
    [
      'another request-level code differs at complete',
      outcome(400, { ResponseMetadata: { RequestId: 'r', Error: { Code: 'MissingParameter', Message: 'm' } } }),
      outcome(400, { ResponseMetadata: { RequestId: 'r', Error: { Code: 'InvalidParameter', Message: 'm' } } }),
      'complete error code',
    ],
    [
      'another message differs at strict only',
      outcome(200, ok('InvalidInstanceStatus', 'a')),
      outcome(200, ok('InvalidInstanceStatus', 'b')),
      'strict body values',
    ],
  ];
  for (const [title, a, b, expected] of table) {
    test(title, () => {
      // Act
      const d = firstDifference(a, b);

      // Assert
      expect(d && `${d.tier} ${d.what}`).toEqual(expected);
    });
  }

  test('a shape is member names and types, arrays as the set of their item shapes', () => {
    expect(shapeOf({ b: [1, 2], a: null, c: [{ x: 'y' }, { x: 'z' }] })).toBe('{a:null,b:[number],c:[{x:string}]}');
    expect(shapeOf([])).toBe('[]');
  });
});

/** A keyed exchange as a side's reading of a cassette would give it. */
function keyed(
  c: Partial<Case> & { expect?: Partial<Case['expect']> },
  status: number,
  body: unknown,
  judgements: [string, RuleJudgement][] = [],
  speaksApi = true,
): KeyedExchange {
  const theCase: Case = {
    id: 'ecs.attach-key-pair/property/valid',
    title: 't',
    source: 'property',
    operation: 'ecs.attach-key-pair',
    request: {},
    ...c,
    expect: { kind: 'accept', rules: [], ...c.expect },
  };
  return {
    key: `${theCase.id}#1`,
    fingerprint: 'same',
    case: theCase,
    outcome: outcomeOf(theCase.operation, { status, headers: { 'content-type': 'application/json' }, body }, side()),
    judgements: new Map(judgements as [RuleId, RuleJudgement][]),
    speaksApi,
    answer: { status, body: JSON.stringify(body) },
  };
}

test.describe('which rules a difference is charged to', () => {
  const details = (...codes: (string | null)[]) => ({
    ResponseMetadata: { RequestId: 'r' },
    Result: { OperationDetails: codes.map((code, i) => ({ InstanceId: `i-${i}`, Error: code && { Code: code, Message: 'm' } })) },
  });

  test('a rule broken on one side only takes the difference', () => {
    // Arrange
    const ref = keyed({}, 200, details(null), [
      ['ecs.attach-key-pair.windows', 'held'],
      ['ecs.envelope', 'held'],
    ]);
    const cand = keyed({}, 200, details('X'), [
      ['ecs.attach-key-pair.windows', 'fail'],
      ['ecs.envelope', 'held'],
    ]);

    // Act / Assert
    expect(chargedRules(ref, cand)).toEqual(['ecs.attach-key-pair.windows']);
  });

  test('an accepted request the candidate refuses is accepts-valid', () => {
    const ref = keyed({ expect: { kind: 'any', rules: ['ecs.attach-key-pair.idempotent-processing'] } }, 200, details(null));
    const cand = keyed({ expect: { kind: 'any', rules: ['ecs.attach-key-pair.idempotent-processing'] } }, 400, {
      ResponseMetadata: { RequestId: 'r', Error: { Code: 'C', Message: 'm' } },
    });
    expect(chargedRules(ref, cand)).toEqual(['ecs.attach-key-pair.accepts-valid']);
  });

  test("a refusal the candidate accepts goes to the case's own sequence rule unless it was meant to be refused", () => {
    const rules = ['ecs.attach-key-pair.idempotent-mismatch'] as RuleId[];
    const ref = keyed({ source: 'model', expect: { kind: 'any', rules } }, 400, {
      ResponseMetadata: { RequestId: 'r', Error: { Code: 'IdempotentParameterMismatch', Message: 'm' } },
    });
    const cand = keyed({ source: 'model', expect: { kind: 'any', rules } }, 200, details(null));
    expect(chargedRules(ref, cand)).toEqual(rules);
    expect(chargedRules({ ...ref, case: { ...ref.case, expect: { kind: 'reject', rules } } }, cand)).toEqual(['ecs.attach-key-pair.rejects-invalid']);
  });

  test("an instance's entry belongs to the rule of that instance's kind", () => {
    const ref = keyed({ expect: { kind: 'accept', rules: [], instances: ['running', 'windows'] } }, 200, details(null, 'InvalidKeyPairForWindows.Unsupported'));
    const cand = keyed({ expect: { kind: 'accept', rules: [], instances: ['running', 'windows'] } }, 200, details(null, 'InvalidKeyPairForWindows.Other'));
    expect(chargedRules(ref, cand)).toEqual(['ecs.attach-key-pair.windows']);
  });

  test('an envelope that echoes another region belongs to envelope-echo, whatever the case was for', () => {
    const body = (region: string) => ({ ResponseMetadata: { RequestId: 'r', Region: region, Error: { Code: 'InvalidActionOrVersion', Message: 'm' } } });
    const ref = keyed({ expect: { kind: 'reject', rules: ['ecs.version'] } }, 404, body('cn-beijing'));
    const cand = keyed({ expect: { kind: 'reject', rules: ['ecs.version'] } }, 404, body('cn-shanghai'));
    expect(chargedRules(ref, cand)).toEqual(['ecs.envelope-echo']);
  });
});

test.describe('pairing and scoring', () => {
  const error = (code: string) => ({ error_code: code, error_msg: 'm' });
  const huawei = (status: number, body: unknown, speaksApi = true) =>
    keyed(
      { id: 'kps.associate/mutation/drop-server', operation: 'kps.associate', expect: { kind: 'reject', rules: ['kps.associate.server-required'] } },
      status,
      body,
      [['kps.associate.server-required', 'held']],
      speaksApi,
    );

  const table: [string, KeyedExchange, string][] = [
    ['501 is unsupported', huawei(501, 'Not Implemented', false), 'unsupported'],
    ['a plain 404 is unsupported', huawei(404, 'no route', false), 'unsupported'],
    ['an undocumented 422 in another shape is unsupported', huawei(422, { type: 'problem' }, false), 'unsupported'],
    ["an undocumented 409 in the API's own error shape is compared", huawei(409, error('KPS.0002')), 'compared'],
    ['a documented status is compared, whatever the body', huawei(500, 'oops', false), 'compared'],
  ];
  for (const [title, cand, status] of table) {
    test(title, () => {
      // Act
      const [pair] = pairCases([huawei(400, error('KPS.0002'))], [cand]);

      // Assert
      expect(pair!.status).toBe(status);
    });
  }

  test('a case the candidate did not send, or sent otherwise, is not compared', () => {
    // Arrange
    const ref = huawei(400, error('KPS.0002'));

    // Act
    const [missing] = pairCases([ref], []);
    const [diverged] = pairCases([ref], [{ ...ref, fingerprint: 'other' }]);

    // Assert
    expect([missing!.status, diverged!.status]).toEqual(['not-sent', 'diverged']);
  });

  test('unsupported and uncompared cases lower coverage, never the score', () => {
    // Arrange
    const ref = huawei(400, error('KPS.0002'));
    const pairs = [
      ...pairCases([ref], [ref]),
      ...pairCases([{ ...ref, key: 'b' }], [{ ...huawei(501, 'Not Implemented', false), key: 'b' }]),
      ...pairCases([{ ...ref, key: 'c' }], []),
      ...pairCases([{ ...ref, key: 'd' }], [{ ...huawei(400, error('KPS.4016')), key: 'd' }]),
    ];

    // Act
    const [rule] = scoreRules(pairs, ['kps.associate.server-required']);

    // Assert
    expect(rule!.tiers.core).toEqual({ equal: 2, different: 0, unsupported: 1, notCompared: 1, score: 100, coverage: 50 });
    expect(rule!.tiers.complete).toEqual({ equal: 1, different: 1, unsupported: 1, notCompared: 1, score: 50, coverage: 50 });
    expect(rule!.differences.map((d) => d.case)).toEqual(['d']);
    expect(rule!.unsupported.map((d) => d.candidate.status)).toEqual([501]);
    expect(aggregate([rule!], 'complete')).toEqual({ score: 50, coverage: 50, rulesScored: 1, rulesExercised: 1, rulesInTier: 1 });
    expect(aggregate(scoreRules(pairs, ['kps.error-code-documented']), 'core').rulesInTier).toBe(0);
  });

  test('a should rule is scored at strict only', () => {
    // Act
    const [rule] = scoreRules(pairCases([huawei(400, error('KPS.0002'))], [huawei(400, error('KPS.0002'))]), ['kps.error-code-documented']);

    // Assert
    expect([rule!.tiers.core, rule!.tiers.complete]).toEqual([null, null]);
  });
});
