import type { Case } from '../cases/case.ts';
import type { Exchange } from '../transport/exchange.ts';
import type { Check } from './check.ts';
import { ContractFailure } from './contract-failure.ts';
import { bodyObject, describeAnswer, isSuccess } from './_internals/answer.ts';

const OP = 'ecs.attach-key-pair';
const errorCode = (x: Exchange) => bodyObject(x.response)?.ResponseMetadata?.Error?.Code as string | undefined;

/** The Action and Version the request carried, as the envelope must echo them. */
function sentFixed(c: Case): { Action?: string; Version?: string } {
  const fixed = { Action: 'AttachKeyPair', Version: '2020-04-01', ...c.request.fixed };
  return { Action: fixed.Action ?? undefined, Version: fixed.Version ?? undefined };
}

function authCase(rule: 'ecs.auth.required' | 'ecs.auth.bad-signature', variant: string, codes: string[], title: string): Check {
  return {
    rule,
    judge(c, x) {
      if (c.operation !== OP || c.request.auth !== variant || !x.response) return 'not-applicable';
      if (x.response.status !== 401 || !codes.includes(errorCode(x) ?? '')) {
        throw new ContractFailure(rule, title, describeAnswer(x), `401 ${codes.join(' or ')} in the error envelope`);
      }
      return 'held';
    },
  };
}

/** The Volcengine gateway and envelope (RULES.md, "Volcengine: gateway and envelope"). */
export const ECS_GATEWAY_CHECKS: Check[] = [
  authCase('ecs.auth.required', 'none', ['MissingAuthenticationToken', 'MissingSignature'], 'Unsigned request not refused'),
  authCase('ecs.auth.bad-signature', 'wrong-secret', ['SignatureDoesNotMatch'], 'Bad signature not refused'),
  {
    rule: 'ecs.auth.unknown-access-key',
    judge(c, x) {
      if (c.operation !== OP || c.request.auth !== 'unknown-access-key' || !x.response) return 'not-applicable';
      const code = errorCode(x);
      if (x.response.status !== 401 || (code !== 'InvalidAccessKey' && code !== 'InvalidClientTokenId')) {
        throw new ContractFailure('ecs.auth.unknown-access-key', 'Unknown access key not refused as documented', describeAnswer(x), '401 InvalidAccessKey (or InvalidClientTokenId)');
      }
      return { variant: code };
    },
  },
  {
    rule: 'ecs.envelope',
    judge(c, x) {
      if (c.operation !== OP || !x.response) return 'not-applicable';
      const body = bodyObject(x.response);
      const meta = body?.ResponseMetadata;
      const problems: string[] = [];
      if (!meta || typeof meta !== 'object') problems.push('no ResponseMetadata');
      else {
        for (const key of ['RequestId', 'Service', 'Region']) if (typeof meta[key] !== 'string' || meta[key] === '') problems.push(`ResponseMetadata.${key} missing or empty`);
        const sent = sentFixed(c);
        for (const key of ['Action', 'Version'] as const) {
          if (meta[key] !== undefined && meta[key] !== sent[key]) problems.push(`ResponseMetadata.${key} ${JSON.stringify(meta[key])} is not the request's ${JSON.stringify(sent[key])}`);
        }
        if (isSuccess(x.response)) {
          if (meta.Error !== undefined) problems.push('a success carries ResponseMetadata.Error');
          if (body!.Result === undefined) problems.push('a success carries no Result');
        } else {
          if (typeof meta.Error?.Code !== 'string' || typeof meta.Error?.Message !== 'string') problems.push('an error carries no ResponseMetadata.Error {Code, Message}');
          if (body!.Result !== undefined) problems.push('an error carries Result');
        }
      }
      if (problems.length > 0) throw new ContractFailure('ecs.envelope', 'Envelope does not follow the documents', `${problems.join('; ')} — ${describeAnswer(x)}`, 'ResponseMetadata {RequestId, Action, Version, Service, Region, Error?}, Result on success only');
      return 'held';
    },
  },
  {
    rule: 'ecs.envelope-echo',
    judge(c, x, ctx) {
      const sent = sentFixed(c);
      if (c.operation !== OP || !x.response || sent.Action !== 'AttachKeyPair' || sent.Version !== '2020-04-01' || c.request.auth === 'none') return 'not-applicable';
      const meta = bodyObject(x.response)?.ResponseMetadata ?? {};
      const wanted = { Action: 'AttachKeyPair', Version: '2020-04-01', Service: 'ecs', Region: ctx.target.volcengine!.region };
      const wrong = Object.entries(wanted).filter(([k, v]) => meta[k] !== v);
      if (wrong.length > 0) {
        throw new ContractFailure('ecs.envelope-echo', 'Envelope does not echo the request', JSON.stringify(meta), JSON.stringify(wanted));
      }
      return 'held';
    },
  },
  {
    rule: 'ecs.version',
    judge(c, x) {
      if (c.operation !== OP || !c.expect.rules.includes('ecs.version') || !x.response) return 'not-applicable';
      const sent = sentFixed(c);
      const code = errorCode(x);
      const missing = sent.Action === undefined || sent.Version === undefined;
      const ok = missing
        ? (x.response.status === 400 && code === 'MissingParameter') || (x.response.status === 404 && code === 'InvalidActionOrVersion')
        : x.response.status === 404 && code === 'InvalidActionOrVersion';
      if (!ok) {
        throw new ContractFailure('ecs.version', 'Wrong answer to an unknown or missing Version', describeAnswer(x), missing ? '400 MissingParameter or 404 InvalidActionOrVersion' : '404 InvalidActionOrVersion');
      }
      return 'held';
    },
  },
];
