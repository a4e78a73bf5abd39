import type { RuleId } from '../../rules/rules.ts';
import type { AnswerPlace, Check } from './check.ts';
import { defineCheck } from './check.ts';
import { describeAnswer } from '../transport/answer.ts';
import { specOperation } from '../cases/spec-operation.ts';
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

/** The status classes (2 for 2xx…) of the two sides, where fidelity found their HTTP statuses apart. */
function statusClasses(p: AnswerPlace): [number, number] | undefined {
  const [a, b] = p.values;
  if (p.path.length !== 1 || p.path[0] !== 'status' || typeof a !== 'number' || typeof b !== 'number') return undefined;
  return [Math.floor(a / 100), Math.floor(b / 100)];
}

/** A change of status class is a generic rule's: a 5xx on one side, 2xx against 4xx. */
const ownsClassChange = (owns: (ref: number, cand: number, p: AnswerPlace) => boolean) => ({
  places: (p: AnswerPlace) => {
    const classes = statusClasses(p);
    return classes !== undefined && classes[0] !== classes[1] && owns(classes[0], classes[1], p);
  },
});

/** The checks of RULES.md "Checks on every operation", one set per checked operation. */
export const GENERIC_CHECKS: Check[] = OPS.flatMap((op): Check[] => {
  const spec = specOperation(op);
  const documented = spec.responses.map((r) => r.status);
  const rule = (name: string) => `${op}.${name}` as RuleId;
  return [
    defineCheck(rule('status-documented'), [op], (_c, x, _ctx, fail) => {
      if (!x.response) return fail('No answer', describeAnswer(x), `one of ${documented.join(', ')}`);
      if (!documented.includes(x.response.status)) return fail('Undocumented HTTP status code', String(x.response.status), documented.join(', '));
      return 'held';
    }),
    defineCheck(rule('response-schema'), [op], (_c, x, ctx, fail) => {
      if (!x.response) return 'not-applicable';
      const ref = spec.responses.find((r) => r.status === x.response!.status)?.schemaRef;
      if (!ref) return 'not-applicable';
      if (x.response.json === undefined) {
        if (x.response.text.trim() === '') return 'not-applicable';
        return fail('Response body is not JSON', describeAnswer(x), `${ref.split('/').pop()} for ${x.response.status}`);
      }
      const validate = ctx.validators.forSchema(spec.spec, ref);
      if (!validate(x.response.json)) {
        const errors = (validate.errors ?? [])
          .slice(0, 3)
          .map((e) => `${e.instancePath || '/'} ${e.message}`)
          .join('; ');
        return fail('Response violates schema', `${describeAnswer(x)} — ${errors}`, `${ref.split('/').pop()} for ${x.response.status}`);
      }
      return 'held';
    }),
    defineCheck(rule('content-type'), [op], (c, x, _ctx, fail) => {
      if (!x.response || x.response.text === '') return 'not-applicable';
      const { mediaType } = readAnswer(c, x);
      if (mediaType !== 'application/json') return fail('Undocumented Content-Type', x.response.headers['content-type'] ?? '(none)', 'application/json');
      return 'held';
    }),
    defineCheck(
      rule('rejects-invalid'),
      [op],
      (c, x, _ctx, fail) => {
        if (c.expect.kind !== 'reject' || !x.response) return 'not-applicable';
        const a = readAnswer(c, x);
        const status = a.status!;
        if (status < 400 || status >= 500 || !hasDocumentedErrorShape(a))
          return fail('Invalid request not rejected', describeAnswer(x), `a 4xx in the documented error shape (${c.title})`);
        return 'held';
      },
      // A refusal turned into an acceptance, where the case was meant to be refused.
      { owns: ownsClassChange((ref, cand, p) => ref === 4 && cand === 2 && p.case.expect.kind === 'reject') },
    ),
    defineCheck(
      rule('accepts-valid'),
      [op],
      (c, x, _ctx, fail) => {
        if (c.expect.kind !== 'accept' || !x.response) return 'not-applicable';
        if (x.response.status >= 400 && x.response.status < 500) return fail('Valid request rejected', describeAnswer(x), `accepted: ${c.title}`);
        return 'held';
      },
      { owns: ownsClassChange((ref, cand) => ref === 2 && cand === 4) },
    ),
    defineCheck(
      rule('no-server-error'),
      [op],
      (_c, x, _ctx, fail) => {
        if (!x.response) return 'not-applicable';
        if (x.response.status >= 500) return fail('Server error', describeAnswer(x), 'no 5xx for any request');
        return 'held';
      },
      { owns: ownsClassChange((ref, cand) => ref === 5 || cand === 5) },
    ),
    defineCheck(rule('request-id'), [op], (c, x, _ctx, fail) => {
      if (!x.response) return 'not-applicable';
      const a = readAnswer(c, x);
      if (a.huawei) {
        if (!a.huawei.requestIdHeader) return fail('Missing request id', 'no X-Request-Id header', 'an X-Request-Id response header');
        return 'held';
      }
      const id = a.volcengine?.RequestId;
      if (typeof id !== 'string' || id === '') return fail('Missing request id', describeAnswer(x), 'a non-empty ResponseMetadata.RequestId');
      return 'held';
    }),
  ];
});
