import type { RuleId } from '../../rules/rules.ts';
import type { Check } from './check.ts';
import { ContractFailure } from './contract-failure.ts';
import { describeAnswer } from './_internals/answer.ts';
import { isHuawei, specOperation } from './_internals/spec-operation.ts';
import { readAnswer, type Answer } from './read-answer.ts';

/**
 * The documented error shape, in any of its forms: Huawei flat or nested (kps.error-shape), Volcengine
 * ResponseMetadata.Error {Code, Message} and no Result (the rest of the envelope is ecs.envelope's).
 */
function hasDocumentedErrorShape(a: Answer): boolean {
  if (a.huawei) return a.huawei.error !== undefined;
  return a.volcengine?.error !== undefined && !a.volcengine.hasResult;
}

type GenericOp = 'kps.associate' | 'kps.batch-associate' | 'ecs.attach-key-pair';
const OPS: GenericOp[] = ['kps.associate', 'kps.batch-associate', 'ecs.attach-key-pair'];

/** The checks of RULES.md "Checks on every operation", one set per checked operation. */
export const GENERIC_CHECKS: Check[] = OPS.flatMap((op): Check[] => {
  const spec = specOperation(op);
  const documented = spec.responses.map((r) => r.status);
  const rule = (name: string) => `${op}.${name}` as RuleId;
  return [
    {
      rule: rule('status-documented'),
      judge(c, x) {
        if (c.operation !== op) return 'not-applicable';
        if (!x.response) throw new ContractFailure(rule('status-documented'), 'No answer', describeAnswer(x), `one of ${documented.join(', ')}`);
        if (!documented.includes(x.response.status)) {
          throw new ContractFailure(rule('status-documented'), 'Undocumented HTTP status code', String(x.response.status), documented.join(', '));
        }
        return 'held';
      },
    },
    {
      rule: rule('response-schema'),
      judge(c, x, ctx) {
        if (c.operation !== op || !x.response) return 'not-applicable';
        const ref = spec.responses.find((r) => r.status === x.response!.status)?.schemaRef;
        if (!ref) return 'not-applicable';
        if (x.response.json === undefined) {
          if (x.response.text.trim() === '') return 'not-applicable';
          throw new ContractFailure(rule('response-schema'), 'Response body is not JSON', describeAnswer(x), `${ref.split('/').pop()} for ${x.response.status}`);
        }
        const validate = ctx.validators.forSchema(spec.spec, ref);
        if (!validate(x.response.json)) {
          const errors = (validate.errors ?? []).slice(0, 3).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ');
          throw new ContractFailure(rule('response-schema'), 'Response violates schema', `${describeAnswer(x)} — ${errors}`, `${ref.split('/').pop()} for ${x.response.status}`);
        }
        return 'held';
      },
    },
    {
      rule: rule('content-type'),
      judge(c, x) {
        if (c.operation !== op || !x.response || x.response.text === '') return 'not-applicable';
        const { mediaType } = readAnswer(c, x);
        if (mediaType !== 'application/json') {
          throw new ContractFailure(rule('content-type'), 'Undocumented Content-Type', x.response.headers['content-type'] ?? '(none)', 'application/json');
        }
        return 'held';
      },
    },
    {
      rule: rule('rejects-invalid'),
      judge(c, x) {
        if (c.operation !== op || c.expect.kind !== 'reject' || !x.response) return 'not-applicable';
        const a = readAnswer(c, x);
        const status = a.status!;
        if (status < 400 || status >= 500 || !hasDocumentedErrorShape(a)) {
          throw new ContractFailure(rule('rejects-invalid'), 'Invalid request not rejected', describeAnswer(x), `a 4xx in the documented error shape (${c.title})`);
        }
        return 'held';
      },
    },
    {
      rule: rule('accepts-valid'),
      judge(c, x) {
        if (c.operation !== op || c.expect.kind !== 'accept' || !x.response) return 'not-applicable';
        if (x.response.status >= 400 && x.response.status < 500) {
          throw new ContractFailure(rule('accepts-valid'), 'Valid request rejected', describeAnswer(x), `accepted: ${c.title}`);
        }
        return 'held';
      },
    },
    {
      rule: rule('no-server-error'),
      judge(c, x) {
        if (c.operation !== op || !x.response) return 'not-applicable';
        if (x.response.status >= 500) throw new ContractFailure(rule('no-server-error'), 'Server error', describeAnswer(x), 'no 5xx for any request');
        return 'held';
      },
    },
    {
      rule: rule('request-id'),
      judge(c, x) {
        if (c.operation !== op || !x.response) return 'not-applicable';
        const a = readAnswer(c, x);
        if (a.huawei) {
          if (!a.huawei.requestIdHeader) throw new ContractFailure(rule('request-id'), 'Missing request id', 'no X-Request-Id header', 'an X-Request-Id response header');
          return 'held';
        }
        const id = a.volcengine?.RequestId;
        if (typeof id !== 'string' || id === '') {
          throw new ContractFailure(rule('request-id'), 'Missing request id', describeAnswer(x), 'a non-empty ResponseMetadata.RequestId');
        }
        return 'held';
      },
    },
  ];
});
