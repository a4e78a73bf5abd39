import { API_FAMILIES } from '../../families/api-families.ts';
import { listErrorCodes } from '../../spec/error-codes.ts';
import type { Check, JudgeFn } from './check.ts';
import { defineCheck } from './check.ts';
import { describeAnswer } from '../transport/answer.ts';
import { readAnswer } from './read-answer.ts';

const KPS_CODES = new Set(listErrorCodes('huaweicloud-kps').map((e) => e.code));
const GATEWAY_CODE = /^APIGW?\.\d{4}$/;
const BAD_SIGNATURE_CODE = /^APIGW?\.0301$/;
/** The gateway stands before every KPS operation. */
const KPS_OPERATIONS = API_FAMILIES.huaweicloud.operations;

/** A case of one of the auth `variants` is answered 401. */
function expect401(variants: string[], title: string, signatureOnly: boolean): JudgeFn {
  return (c, x, ctx, fail) => {
    // bad-signature and stale-date are about AK/SK signatures; with an IAM token there is none to judge.
    if (signatureOnly && ctx.facts.huaweiAuth !== 'aksk') return 'not-applicable';
    if (!variants.includes(c.request.auth ?? 'default') || !x.response) return 'not-applicable';
    if (x.response.status !== 401) return fail(title, describeAnswer(x), `401 (${c.title})`);
    return 'held';
  };
}

const badSignature401 = expect401(['wrong-secret', 'tamper-body'], 'Bad signature accepted', true);

/** Huawei's API gateway: authentication and the error body (RULES.md, "Huawei Cloud KPS: gateway and errors"), on every KPS operation. */
export const KPS_GATEWAY_CHECKS: Check[] = [
  defineCheck('kps.auth.required', KPS_OPERATIONS, expect401(['none'], 'Unauthenticated request accepted', false)),
  defineCheck('kps.auth.bad-signature', KPS_OPERATIONS, (c, x, ctx, fail) => {
    // A signature that does not verify is 401 APIGW.0301, flat or nested; a bad token has no code of its own.
    const held = badSignature401(c, x, ctx, fail);
    if (held !== 'held') return held;
    const code = readAnswer(c, x).error?.code;
    if (!BAD_SIGNATURE_CODE.test(code ?? '')) return fail('Wrong error code for a bad signature', describeAnswer(x), '401 APIGW.0301');
    return 'held';
  }),
  defineCheck('kps.auth.stale-date', KPS_OPERATIONS, expect401(['stale-date'], 'Stale X-Sdk-Date accepted', true)),
  defineCheck('kps.error-shape', KPS_OPERATIONS, (c, x, _ctx, fail) => {
    if (!x.response || x.response.status < 400) return 'not-applicable';
    const { huawei } = readAnswer(c, x);
    if (!huawei?.error) {
      return fail(
        'Undocumented error body',
        `${huawei?.errorProblem} — ${describeAnswer(x)}`,
        '{"error_code": string, "error_msg": string}, or nested under one member',
      );
    }
    return { variant: huawei.error.form };
  }),
  defineCheck('kps.error-code-documented', KPS_OPERATIONS, (c, x, _ctx, fail) => {
    if (!x.response || x.response.status < 400) return 'not-applicable';
    const code = readAnswer(c, x).error?.code;
    if (code === undefined) return 'not-applicable';
    if (!KPS_CODES.has(code) && !GATEWAY_CODE.test(code)) {
      return fail('Undocumented error code', code, 'a KPS code of the catalogue (KPS.0001 … KPS.9006) or APIGW.xxxx');
    }
    if (c.expect.kind === 'reject' && x.response.status === 400 && code.startsWith('KPS.') && code !== 'KPS.0002') {
      return fail('Parameter error with another code', code, `KPS.0002 for a parameter error (${c.title})`);
    }
    return 'held';
  }),
];
