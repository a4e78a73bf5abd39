// Where a signed bind's time goes inside the mock, measured in process in the same run as the load:
// the signature check alone, and the whole decision (route, authenticate, validate, change state, build
// the answer) without HTTP. Beside bare node:http's whole cost per request, it shows what bounds
// mock ÷ bare: at 50% of bare, the mock has twice bare's time per request, HTTP included.
import { MockContext } from '../src/mock/mock-context.ts';
import { mockFamilyOf } from '../src/mock/mock-families.ts';
import { DEFAULT_CREDENTIALS, resolveMockOptions } from '../src/mock/index.ts';
import { parseTarget } from '../src/mock/http/parse-target.ts';
import type { MockRequest } from '../src/mock/http/mock-exchange.ts';
import { verifyHuaweiSignature, verifyVolcengineSignature } from '../src/signing/index.ts';
import type { Operation } from './operations.ts';

export interface StageCost {
  readonly operation: string;
  /** µs per request for the signature check alone. */
  readonly verifyUs: number;
  /** µs per request for the mock's whole decision, HTTP aside. */
  readonly decisionUs: number;
}

const BASE = 'http://127.0.0.1:8080';

/** µs per call of `step`, over about `ms` milliseconds after a short warm-up. */
async function perCall(step: () => unknown, ms = 400): Promise<number> {
  for (let i = 0; i < 2000; i++) await step();
  let calls = 0;
  const started = performance.now();
  while (performance.now() - started < ms) {
    for (let i = 0; i < 500; i++) await step();
    calls += 500;
  }
  return ((performance.now() - started) * 1000) / calls;
}

/** The request as the mock's handler receives it from node:http (lower-case headers, Host, length). */
function received(op: Operation): MockRequest {
  const signed = op.sign(BASE, new Date());
  const headers: Record<string, string> = { host: new URL(BASE).host, connection: 'keep-alive' };
  for (const [name, value] of Object.entries(signed.headers)) headers[name.toLowerCase()] = value;
  if (signed.body) headers['content-length'] = String(signed.body.length);
  const { path, query } = parseTarget(signed.path);
  return { method: signed.method, target: signed.path, path, query, headers, body: signed.body ?? Buffer.alloc(0) };
}

export async function measureStages(operations: readonly Operation[]): Promise<StageCost[]> {
  const costs: StageCost[] = [];
  for (const op of operations) {
    const ctx = new MockContext(resolveMockOptions({}));
    const req = received(op);
    const creds = DEFAULT_CREDENTIALS[op.cloud];
    const options = { lookupSecretKey: (ak: string) => (ak === creds.accessKey ? creds.secretKey : undefined) };
    const verify = op.cloud === 'huawei' ? verifyHuaweiSignature : verifyVolcengineSignature;
    const check = verify(req, options);
    if (!check.ok) throw new Error(`${op.name}: the in-process request does not verify (${check.reason}: ${check.detail})`);
    const family = mockFamilyOf(req.target);
    const answer = await family.route(ctx, req);
    if (answer.status >= 300) throw new Error(`${op.name}: the mock's decision was ${answer.status} in process`);
    costs.push({
      operation: op.name,
      verifyUs: await perCall(() => verify(req, options)),
      decisionUs: await perCall(() => family.route(ctx, req)),
    });
  }
  return costs;
}
