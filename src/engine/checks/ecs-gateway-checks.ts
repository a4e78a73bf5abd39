import { errorCode } from '../../spec/error-codes.ts';
import type { AuthVariant } from '../cases/case.ts';
import { signedRegion } from '../cases/volcengine/signed-region.ts';
import type { Check, JudgeFn } from './check.ts';
import { defineCheck } from './check.ts';
import { describeAnswer } from '../transport/answer.ts';
import { readAnswer, type EcsEnvelopeReading } from './read-answer.ts';

const OPS = ['ecs.attach-key-pair'] as const;
const STALE = errorCode('volcengine-ecs', 'InvalidTimestamp', 'gateway');
/**
 * The global endpoint takes the region from the credential scope (the spec's `servers`): a scope naming
 * another region routes the request there instead of breaking its signature, so that case proves nothing.
 */
const GLOBAL_HOST = 'open.volcengineapi.com';

/** The envelope's members that echo the request (ecs.envelope-echo's, wherever two answers differ in them). */
const ECHOED = ['Action', 'Version', 'Service', 'Region'];

const nonEmpty = (v: unknown) => typeof v === 'string' && v !== '';

/** An auth case answered with one of the documented codes at `status`; the code shown is the variant when several are documented. */
function authCase(variants: AuthVariant[], codes: string[], title: string): JudgeFn {
  return (c, x, ctx, fail) => {
    if (!variants.includes(c.request.auth ?? 'default') || !x.response) return 'not-applicable';
    if (c.request.auth === 'other-region-scope' && ctx.facts.volcengine!.endpointHost === GLOBAL_HOST) return 'not-applicable';
    const a = readAnswer(c, x);
    const code = a.error?.code ?? '';
    if (a.status !== 401 || !codes.includes(code)) return fail(title, describeAnswer(x), `401 ${codes.join(' or ')} in the error envelope (${c.title})`);
    return codes.length > 1 ? { variant: code } : 'held';
  };
}

/** The problems RULES.md ecs.envelope finds in one answer, none when it follows the rule. */
function envelopeProblems(success: boolean, v: EcsEnvelopeReading): string[] {
  if (!v.hasMetadata) return ['no ResponseMetadata object'];
  const problems: string[] = [];
  if (!nonEmpty(v.RequestId)) problems.push('ResponseMetadata.RequestId missing or empty');
  for (const key of ['Service', 'Region'] as const) {
    // Absent only from a gateway error that refused the request before any service saw it.
    if (v[key] === undefined) {
      if (success || !v.gatewayError) problems.push(`ResponseMetadata.${key} missing, which only a gateway error may leave out`);
    } else if (!nonEmpty(v[key])) problems.push(`ResponseMetadata.${key} ${JSON.stringify(v[key])} is not a non-empty string`);
  }
  for (const key of ['Action', 'Version'] as const) {
    const got = v[key];
    if (got === undefined) continue;
    const sent = v.sent[key];
    if (sent !== undefined && got !== sent) problems.push(`ResponseMetadata.${key} ${JSON.stringify(got)} is not the request's ${JSON.stringify(sent)}`);
    if (sent === undefined && got !== v.defaults[key])
      problems.push(`ResponseMetadata.${key} ${JSON.stringify(got)}: the request had none, so it is absent or ${JSON.stringify(v.defaults[key])}`);
  }
  if (success) {
    if (v.hasError) problems.push('a success carries ResponseMetadata.Error');
    if (!v.hasResult) problems.push('a success carries no Result');
  } else {
    if (!v.error) problems.push(v.errorProblem ?? 'an error carries no ResponseMetadata.Error {Code, Message}');
    if (v.hasResult) problems.push('an error carries Result');
  }
  return problems;
}

/** The readings of ecs.envelope one answer showed, e.g. `full+no-codeN` or `minimal+codeN+defaults-absent`. */
function envelopeVariant(v: EcsEnvelopeReading): string {
  const { envelope, codeN, defaults } = v.readings;
  const parts: string[] = [envelope];
  if (codeN) parts.push(codeN === 'present' ? 'codeN' : 'no-codeN');
  if (defaults) parts.push(`defaults-${defaults === 'defaults' ? 'named' : defaults}`);
  return parts.join('+');
}

/** The Volcengine gateway and envelope (RULES.md, "Volcengine: gateway and envelope"). */
export const ECS_GATEWAY_CHECKS: Check[] = [
  defineCheck('ecs.auth.required', OPS, authCase(['none'], ['MissingAuthenticationToken', 'MissingSignature'], 'Unsigned request not refused')),
  // A wrong secret, a query parameter changed after signing, a scope naming another region.
  defineCheck(
    'ecs.auth.bad-signature',
    OPS,
    authCase(['wrong-secret', 'tamper-body', 'other-region-scope'], ['SignatureDoesNotMatch'], 'Bad signature not refused'),
  ),
  defineCheck('ecs.auth.stale-date', OPS, (c, x, _ctx, fail) => {
    if (c.request.auth !== 'stale-date' || !x.response) return 'not-applicable';
    const a = readAnswer(c, x);
    const wanted = `${STALE.status} ${STALE.code} (CodeN, when present, ${STALE.codeN}) in the error envelope`;
    if (a.status !== STALE.status || a.error?.code !== STALE.code) return fail('Stale X-Date not refused as documented', describeAnswer(x), wanted);
    // A CodeN that is not a number is response-schema's to judge; a number must be the documented one.
    const codeN = a.volcengine?.error?.codeN;
    if (codeN !== undefined && codeN !== STALE.codeN) return fail('Stale X-Date refused with another CodeN', describeAnswer(x), wanted);
    return 'held';
  }),
  defineCheck('ecs.auth.unknown-access-key', OPS, (c, x, _ctx, fail) => {
    if (c.request.auth !== 'unknown-access-key' || !x.response) return 'not-applicable';
    const a = readAnswer(c, x);
    const code = a.error?.code;
    if (a.status !== 401 || (code !== 'InvalidAccessKey' && code !== 'InvalidClientTokenId')) {
      return fail('Unknown access key not refused as documented', describeAnswer(x), '401 InvalidAccessKey (or InvalidClientTokenId)');
    }
    return { variant: code };
  }),
  defineCheck('ecs.envelope', OPS, (c, x, _ctx, fail) => {
    if (!x.response) return 'not-applicable';
    const a = readAnswer(c, x);
    const v = a.volcengine!;
    const problems = envelopeProblems(a.success, v);
    if (problems.length > 0) {
      return fail(
        'Envelope does not follow the documents',
        `${problems.join('; ')} — ${describeAnswer(x)}`,
        'ResponseMetadata {RequestId, Action?, Version?, Service?, Region?, Error?}: Error {Code, Message, CodeN?} and no Result on an error, Result on success',
      );
    }
    return { variant: envelopeVariant(v) };
  }),
  defineCheck(
    'ecs.envelope-echo',
    OPS,
    (c, x, ctx, fail) => {
      if (!x.response || c.request.auth === 'none') return 'not-applicable';
      const v = readAnswer(c, x).volcengine!;
      if (v.sent.Action !== 'AttachKeyPair' || v.sent.Version !== '2020-04-01') return 'not-applicable';
      // The signed region is the target's, but for a case signed for another region on purpose: either is its echo.
      const region = ctx.facts.volcengine!.region;
      const regions = [...new Set([region, signedRegion(region, c.request.auth)])];
      const wanted = { Action: ['AttachKeyPair'], Version: ['2020-04-01'], Service: ['ecs'], Region: regions };
      const keys = Object.keys(wanted) as (keyof typeof wanted)[];
      const absent = keys.filter((k) => v[k] === undefined);
      const wrong = keys.filter((k) => v[k] !== undefined && !wanted[k].includes(v[k] as string));
      const echoed = Object.fromEntries(keys.map((k) => [k, v[k]]));
      if (wrong.length > 0 || (absent.length > 0 && !v.gatewayError)) {
        return fail(
          'Envelope does not echo the request',
          JSON.stringify(echoed),
          JSON.stringify({ Action: 'AttachKeyPair', Version: '2020-04-01', Service: 'ecs', Region: regions[0] }),
        );
      }
      // A gateway error may leave them out (ecs.envelope); what it does say must still be right.
      return absent.length > 0 ? { variant: 'gateway-minimal' } : 'held';
    },
    { owns: { places: (p) => p.path[0] === 'body' && p.path[1] === 'ResponseMetadata' && ECHOED.includes(String(p.path[2])), echo: true } },
  ),
  defineCheck('ecs.version', OPS, (c, x, _ctx, fail) => {
    if (!c.expect.rules.includes('ecs.version') || !x.response) return 'not-applicable';
    const a = readAnswer(c, x);
    const { sent } = a.volcengine!;
    const code = a.error?.code;
    const missing = sent.Action === undefined || sent.Version === undefined;
    const missingParameter = a.status === 400 && code === 'MissingParameter';
    const notFound = a.status === 404 && code === 'InvalidActionOrVersion';
    if (missing ? !(missingParameter || notFound) : !notFound) {
      return fail(
        'Wrong answer to an unknown or missing Version',
        describeAnswer(x),
        missing ? '400 MissingParameter or 404 InvalidActionOrVersion' : '404 InvalidActionOrVersion',
      );
    }
    // A missing Action or Version has two documented answers: record which.
    return missing ? { variant: code! } : 'held';
  }),
];
