import { listErrorCodes } from '../../spec/error-codes.ts';
import type { Check } from './check.ts';
import { ContractFailure } from './contract-failure.ts';
import { describeAnswer } from './_internals/answer.ts';
import { isHuawei } from './_internals/spec-operation.ts';
import { readAnswer } from './read-answer.ts';

const KPS_CODES = new Set(listErrorCodes('huaweicloud-kps').map((e) => e.code));
const GATEWAY_CODE = /^APIGW?\.\d{4}$/;
const BAD_SIGNATURE_CODE = /^APIGW?\.0301$/;

function expect401(rule: 'kps.auth.required' | 'kps.auth.bad-signature' | 'kps.auth.stale-date', variants: string[], title: string): Check {
  // bad-signature and stale-date are about AK/SK signatures; with an IAM token there is none to judge.
  const signatureOnly = rule !== 'kps.auth.required';
  return {
    rule,
    judge(c, x, ctx) {
      if (signatureOnly && ctx.target.huaweicloud?.credentials.kind !== 'aksk') return 'not-applicable';
      if (!isHuawei(c.operation) || !variants.includes(c.request.auth ?? 'default') || !x.response) return 'not-applicable';
      if (x.response.status !== 401) throw new ContractFailure(rule, title, describeAnswer(x), `401 (${c.title})`);
      return 'held';
    },
  };
}

const badSignature401 = expect401('kps.auth.bad-signature', ['wrong-secret', 'tamper-body'], 'Bad signature accepted');

/** Huawei's API gateway: authentication and the error body (RULES.md, "Huawei Cloud KPS: gateway and errors"). */
export const KPS_GATEWAY_CHECKS: Check[] = [
  expect401('kps.auth.required', ['none'], 'Unauthenticated request accepted'),
  {
    rule: 'kps.auth.bad-signature',
    judge(c, x, ctx) {
      // A signature that does not verify is 401 APIGW.0301, flat or nested; a bad token has no code of its own.
      const held = badSignature401.judge(c, x, ctx);
      if (held !== 'held') return held;
      const code = readAnswer(c, x).error?.code;
      if (!BAD_SIGNATURE_CODE.test(code ?? '')) {
        throw new ContractFailure('kps.auth.bad-signature', 'Wrong error code for a bad signature', describeAnswer(x), '401 APIGW.0301');
      }
      return 'held';
    },
  },
  expect401('kps.auth.stale-date', ['stale-date'], 'Stale X-Sdk-Date accepted'),
  {
    rule: 'kps.error-shape',
    judge(c, x) {
      if (!isHuawei(c.operation) || !x.response || x.response.status < 400) return 'not-applicable';
      const { huawei } = readAnswer(c, x);
      if (!huawei?.error) {
        throw new ContractFailure('kps.error-shape', 'Undocumented error body', `${huawei?.errorProblem} — ${describeAnswer(x)}`, '{"error_code": string, "error_msg": string}, or nested under one member');
      }
      return { variant: huawei.error.form };
    },
  },
  {
    rule: 'kps.error-code-documented',
    judge(c, x) {
      if (!isHuawei(c.operation) || !x.response || x.response.status < 400) return 'not-applicable';
      const code = readAnswer(c, x).error?.code;
      if (code === undefined) return 'not-applicable';
      if (!KPS_CODES.has(code) && !GATEWAY_CODE.test(code)) {
        throw new ContractFailure('kps.error-code-documented', 'Undocumented error code', code, 'a KPS code of the catalogue (KPS.0001 … KPS.9006) or APIGW.xxxx');
      }
      if (c.expect.kind === 'reject' && x.response.status === 400 && code.startsWith('KPS.') && code !== 'KPS.0002') {
        throw new ContractFailure('kps.error-code-documented', 'Parameter error with another code', code, `KPS.0002 for a parameter error (${c.title})`);
      }
      return 'held';
    },
  },
];
