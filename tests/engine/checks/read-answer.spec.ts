import { test, expect } from '@playwright/test';
import { readAnswer, readResponse } from '../../../src/engine/checks/read-answer.ts';
import { aCase, ctx, ecsCase, ecsSuccess, envelopeError, exchange, KEYPAIR, minimal, RUNNING, volc } from './_helpers/judge.ts';

// The one accessor: every documented form of an answer read the same way, and a KPS error read exactly
// where the spec's KpsError schema accepts one.

const associate = () => aCase('kps.associate', { body: { keypair_name: KEYPAIR, server: { id: RUNNING[0] } } });

test.describe('Huawei errors', () => {
  const READ = [
    { name: 'flat', body: { error_code: 'KPS.0002', error_msg: 'm' }, error: { code: 'KPS.0002', message: 'm', form: 'flat' }, requestId: undefined },
    {
      name: 'flat gateway error with request_id',
      body: { error_code: 'APIGW.0301', error_msg: 'm', request_id: 'r-1' },
      error: { code: 'APIGW.0301', message: 'm', form: 'flat' },
      requestId: 'r-1',
    },
    {
      name: 'nested',
      body: { error: { error_code: 'KPS.0002', error_msg: 'm' } },
      error: { code: 'KPS.0002', message: 'm', form: 'nested', member: 'error' },
      requestId: undefined,
    },
    {
      name: 'nested gateway error, request_id beside',
      body: { Error: { error_code: 'APIGW.0301', error_msg: 'm' }, request_id: 'r-2' },
      error: { code: 'APIGW.0301', message: 'm', form: 'nested', member: 'Error' },
      requestId: 'r-2',
    },
    {
      name: 'nested gateway error, request_id inside',
      body: { e: { error_code: 'APIG.0308', error_msg: 'm', request_id: 'r-3' } },
      error: { code: 'APIG.0308', message: 'm', form: 'nested', member: 'e' },
      requestId: 'r-3',
    },
  ] as const;
  for (const r of READ) {
    test(`reads a ${r.name} error`, () => {
      // Arrange
      const c = associate();
      // Act
      const a = readAnswer(c, exchange(c, { status: 401, body: r.body }));
      // Assert
      expect(a.huawei?.error).toEqual(r.error);
      expect(a.error).toEqual({ code: r.error.code, message: r.error.message });
      expect(a.huawei?.requestId).toBe(r.requestId);
      expect(a.huawei?.requestIdHeader).toBe('req-1');
    });
  }

  const UNREADABLE = [
    { name: 'no error_msg', body: { error_code: 'KPS.0002' }, problem: /error_code and error_msg/ },
    { name: 'a nested member without error_msg', body: { error: { error_code: 'KPS.0002' } }, problem: /member error holds no error_code and error_msg/ },
    { name: 'two members', body: { a: { error_code: 'x', error_msg: 'y' }, b: { error_code: 'x', error_msg: 'y' } }, problem: /members a, b/ },
    { name: 'a member that is no object', body: { error: 'KPS.0002' }, problem: /member error is not an object/ },
    {
      name: 'an error_code beside a nested pair',
      body: { error_code: 'x', error: { error_code: 'x', error_msg: 'y' } },
      problem: /the body holds no error_code and error_msg/,
    },
    { name: 'request_id that is not a string', body: { error: { error_code: 'x', error_msg: 'y' }, request_id: 7 }, problem: /request_id is not a string/ },
    { name: 'only request_id', body: { request_id: 'r' }, problem: /no error_code and error_msg/ },
    { name: '{code, message}', body: { code: 'x', message: 'y' }, problem: /member/ },
  ];
  for (const r of UNREADABLE) {
    test(`says why it reads no error from ${r.name}`, () => {
      // Arrange
      const c = associate();
      // Act
      const a = readAnswer(c, exchange(c, { status: 400, body: r.body }));
      // Assert
      expect(a.error).toBeUndefined();
      expect(a.huawei?.errorProblem).toMatch(r.problem);
    });
  }

  test("reads an error exactly where the spec's KpsError accepts one", () => {
    // Arrange
    const validate = ctx.validators.forSchema('huaweicloud-kps', 'KpsError');
    const bodies = [...READ.map((r) => r.body), ...UNREADABLE.map((r) => r.body), { error_code: 'x', error_msg: 'y', details: {} }, [], 'text'];
    const c = associate();
    // Act
    const disagreements = bodies.filter((body) => (readAnswer(c, exchange(c, { status: 400, body })).error !== undefined) !== validate(body));
    // Assert
    expect(disagreements).toEqual([]);
  });

  test('reads no error from a success, even a FAILED one', () => {
    const c = associate();
    const a = readAnswer(c, exchange(c, { status: 202, body: { status: 'FAILED', error_code: 'KPS.0002', error_msg: 'm' } }));
    expect([a.success, a.error, a.huawei?.error]).toEqual([true, undefined, undefined]);
  });
});

test.describe('Volcengine envelopes', () => {
  test('reads a full success envelope', () => {
    // Arrange
    const c = ecsCase();
    // Act
    const a = readAnswer(c, exchange(c, { status: 200, body: ecsSuccess(), headers: { 'content-type': 'Application/JSON; charset=utf-8' } }));
    // Assert
    expect(a.mediaType).toBe('application/json');
    expect(a.volcengine).toMatchObject({
      sent: { Action: 'AttachKeyPair', Version: '2020-04-01' },
      RequestId: expect.any(String),
      Service: 'ecs',
      Region: volc.region,
      hasError: false,
      hasResult: true,
      gatewayError: false,
      readings: { envelope: 'full' },
    });
    expect(a.volcengine?.readings.codeN).toBeUndefined();
    expect(a.volcengine?.readings.defaults).toBeUndefined();
  });

  const READINGS = [
    {
      name: 'CodeN present',
      c: () => ecsCase(),
      body: envelopeError('InvalidKeyPair.NotFound', 'm', {}, 100001),
      error: { code: 'InvalidKeyPair.NotFound', message: 'm', codeN: 100001 },
      readings: { envelope: 'full', codeN: 'present' },
      gateway: false,
    },
    {
      name: 'CodeN absent',
      c: () => ecsCase(),
      body: envelopeError('InvalidKeyPair.NotFound', 'm'),
      error: { code: 'InvalidKeyPair.NotFound', message: 'm' },
      readings: { envelope: 'full', codeN: 'absent' },
      gateway: false,
    },
    {
      name: 'a CodeN that is not a number',
      c: () => ecsCase(),
      body: { ResponseMetadata: { RequestId: 'r', Error: { CodeN: '100002', Code: 'MissingParameter', Message: 'm' } } },
      error: { code: 'MissingParameter', message: 'm' },
      readings: { envelope: 'minimal', codeN: 'present' },
      gateway: true,
    },
    {
      name: 'a minimal gateway envelope, no Action sent',
      c: () => ecsCase({ fixed: { Action: undefined } }),
      body: minimal('MissingParameter', 'm', 100002),
      error: { code: 'MissingParameter', message: 'm', codeN: 100002 },
      readings: { envelope: 'minimal', codeN: 'present', defaults: 'absent' },
      gateway: true,
    },
    {
      name: 'the defaults named, neither sent',
      c: () => ecsCase({ fixed: { Action: undefined, Version: undefined } }),
      body: envelopeError('MissingParameter', 'm'),
      error: { code: 'MissingParameter', message: 'm' },
      readings: { envelope: 'full', codeN: 'absent', defaults: 'defaults' },
      gateway: true,
    },
    {
      name: 'another Action for a request without one',
      c: () => ecsCase({ fixed: { Action: undefined } }),
      body: envelopeError('MissingParameter', 'm', { Action: 'X' }),
      error: { code: 'MissingParameter', message: 'm' },
      readings: { envelope: 'full', codeN: 'absent', defaults: 'other' },
      gateway: true,
    },
    {
      name: 'an empty Version sent, which names none',
      c: () => ecsCase({ fixed: { Version: '' } }),
      body: envelopeError('MissingParameter', 'm', { Service: undefined, Version: undefined }),
      error: { code: 'MissingParameter', message: 'm' },
      readings: { envelope: 'partial', codeN: 'absent', defaults: 'absent' },
      gateway: true,
    },
  ] as const;
  for (const r of READINGS) {
    test(`reads ${r.name}`, () => {
      // Arrange
      const c = r.c();
      // Act
      const a = readAnswer(c, exchange(c, { status: 400, body: r.body }));
      // Assert
      expect(a.volcengine?.error).toEqual(r.error);
      expect(a.volcengine?.readings).toEqual(r.readings);
      expect(a.volcengine?.gatewayError).toBe(r.gateway);
    });
  }

  test('reads an Error that is not {Code, Message} as there but unreadable', () => {
    const c = ecsCase();
    const a = readAnswer(c, exchange(c, { status: 400, body: { ResponseMetadata: { RequestId: 'r', Error: { Code: 7 } } } }));
    expect([a.volcengine?.hasError, a.volcengine?.error, a.error]).toEqual([true, undefined, undefined]);
    expect(a.volcengine?.errorProblem).toMatch(/Code, Message/);
  });

  test('reads a body that is not JSON as no envelope at all', () => {
    const c = ecsCase();
    const a = readAnswer(c, exchange(c, { status: 200, text: 'Hello', headers: { 'content-type': 'text/plain' } }));
    expect([a.json, a.body, a.mediaType, a.volcengine?.hasMetadata, a.volcengine?.hasResult]).toEqual([undefined, undefined, 'text/plain', false, false]);
  });

  test('reads a throttled answer outside the exchange the same way', () => {
    const c = ecsCase();
    const x = exchange(c, { status: 200, body: ecsSuccess() });
    const a = readResponse(c, { status: 429, headers: {}, text: '', json: envelopeError('FlowLimitExceeded', 'm') }, x.request);
    expect(a.error?.code).toBe('FlowLimitExceeded');
    expect(a.volcengine?.gatewayError).toBe(true);
  });

  test('reads no answer as unanswered', () => {
    const c = ecsCase();
    const a = readAnswer(c, { request: { method: 'GET', url: 'http://x/', headers: {} }, error: 'timeout', throttled: [], ms: 1 });
    expect([a.answered, a.success, a.status, a.volcengine]).toEqual([false, false, undefined, undefined]);
  });
});
