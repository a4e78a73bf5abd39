import { fileURLToPath } from 'node:url';
import type { RuleId } from '../../../../src/rules/rules.ts';
import type { Case, CaseOperation, CaseRequest, Expectation } from '../../../../src/engine/cases/case.ts';
import { checkContext, type CheckContext, type Judgement } from '../../../../src/engine/checks/check.ts';
import { CHECKS, judgeExchange } from '../../../../src/engine/checks/registry.ts';
import { loadTargetFile } from '../../../../src/engine/target/load-target-file.ts';
import { buildHuaweiRequest } from '../../../../src/engine/transport/build-huawei-request.ts';
import { buildVolcengineRequest } from '../../../../src/engine/transport/build-volcengine-request.ts';
import type { Exchange } from '../../../../src/engine/transport/exchange.ts';
import { mockCredentialEnv } from '../../../../src/mock/index.ts';
import { SpecValidators } from '../../../../src/spec/spec-validators.ts';

// Answers built by hand, judged by the registered checks without a server.

const targetFile = fileURLToPath(new URL('../../../../targets/reference-mock.json', import.meta.url));
export const target = loadTargetFile(targetFile, mockCredentialEnv());
export const ctx: CheckContext = checkContext(new SpecValidators(), target);

export const hw = target.huaweicloud!;
export const volc = target.volcengine!;
export const KEYPAIR = hw.fixtures.keypairs[0]!;
export const RUNNING = hw.fixtures.servers.running;
export const BOUND = hw.fixtures.servers.bound;
export const STOPPED = hw.fixtures.servers.stopped;
export const KP = volc.fixtures.keyPairs[0]!;
export const INSTANCE = volc.fixtures.instances.running[0]!;

/** A case of `operation` (the checks read its request and expectation only). */
export function aCase(operation: CaseOperation, request: CaseRequest, expect: Partial<Expectation> = {}): Case {
  return { id: `test/${operation}`, title: 'a hand-made case', source: 'mutation', operation, request, expect: { kind: 'any', rules: [], ...expect } };
}

/** An AttachKeyPair case on one running instance, unless the request says otherwise. */
export const ecsCase = (request: Partial<CaseRequest> = {}, expect: Partial<Expectation> = {}) =>
  aCase('ecs.attach-key-pair', { logical: { InstanceIds: [INSTANCE], KeyPairName: KP.name }, ...request }, expect);

/** What a target answered: status, JSON body (or raw text) and headers. */
export interface Reply {
  readonly status: number;
  readonly body?: unknown;
  readonly text?: string;
  readonly headers?: Record<string, string>;
}

/** The exchange a case gets for `reply`: the request as the engine builds it, the answer as given. */
export function exchange(c: Case, reply: Reply): Exchange {
  const request = c.operation.startsWith('kps.') ? buildHuaweiRequest(hw, c) : buildVolcengineRequest(volc, c);
  const text = reply.text ?? (reply.body === undefined ? '' : JSON.stringify(reply.body));
  // Through the text, as a body arrives: a member left undefined is absent.
  const json = text === '' ? undefined : safeParse(text);
  const headers = { 'content-type': 'application/json', 'x-request-id': 'req-1', ...reply.headers };
  return { request, response: { status: reply.status, headers, text, ...(json !== undefined ? { json } : {}) }, throttled: [], ms: 1 };
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** What one rule's check concluded: its judgement, or the rule and title of the ContractFailure it threw. */
export type Outcome = Judgement | { readonly failed: RuleId; readonly title: string };

/** Through the registry, as a run judges: a check of another operation than the case's does not apply. */
export function judge(rule: RuleId, c: Case, x: Exchange, context: CheckContext = ctx): Outcome {
  if (!CHECKS.some((k) => k.rule === rule)) throw new Error(`no check registered for ${rule}`);
  const outcome = judgeExchange(c, x, context).find((o) => o.rule === rule);
  if (!outcome) return 'not-applicable';
  return 'failure' in outcome ? { failed: outcome.failure.rule, title: outcome.failure.title } : outcome.judgement;
}

/** `ResponseMetadata` as the seed's example gives it, for the target's region. */
export const META = {
  RequestId: '20240101000000010203040506070809',
  Action: 'AttachKeyPair',
  Version: '2020-04-01',
  Service: 'ecs',
  Region: volc.region,
} as const;
/** A Volcengine error envelope; `meta` replaces members of META (undefined drops one). */
export function envelopeError(code: string, message: string, meta: Record<string, unknown> = {}, codeN?: number) {
  const m: Record<string, unknown> = { ...META, ...meta };
  for (const k of Object.keys(m)) if (m[k] === undefined) delete m[k];
  return { ResponseMetadata: { ...m, Error: { ...(codeN !== undefined ? { CodeN: codeN } : {}), Code: code, Message: message } } };
}
/** Only RequestId and Error: a gateway that refused the request before any service saw it. */
export const minimal = (code: string, message: string, codeN?: number) =>
  envelopeError(code, message, { Action: undefined, Version: undefined, Service: undefined, Region: undefined }, codeN);
export const ecsSuccess = (details: unknown[] = [{ InstanceId: INSTANCE, Error: null }], meta: Record<string, unknown> = {}) => ({
  ResponseMetadata: { ...META, ...meta },
  Result: { OperationDetails: details },
});
