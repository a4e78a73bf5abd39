import { RULES, type RuleId } from '../../../rules/rules.ts';
import type { ResolvedTarget } from '../../target/resolved-target.ts';
import type { WireAttempt } from '../../transport/client-wire.ts';
import type { Exchange } from '../../transport/exchange.ts';
import type { RuleVerdict } from '../../verdicts/rule-verdict.ts';
import { EngineContext } from '../engine-context.ts';
import { judge } from '../execute-case.ts';
import { retrySafety, wireJudgements } from '../sdk/client-checks.ts';
import { tallyClientJudgements } from '../sdk/record-client-judgements.ts';
import { ENGINE_FAMILIES } from '../cloud-registry.ts';

/** Client rules the proxy cannot see: it has the traffic, not the client's caller or its output. */
const UNSEEN: Partial<Record<RuleId, string>> = {
  'client.surfaces-outcome': 'the proxy sees the traffic, not what the client handed back to its caller: check that with npx conformance sdk',
  'client.no-secrets-in-output': 'the proxy does not see what the client prints: check that with npx conformance sdk',
};

/**
 * Judges the traffic of any client sent through `conformance proxy`: each request with the server rules
 * (on the target's answer) and the client rules of the wire (signature, X-Project-Id), and a resend of
 * the same request after a 5xx, a reset or a 429 with `client.retry-safe`. Rules the traffic never met
 * are skipped, saying so.
 */
export class ProxySession {
  private readonly ctx: EngineContext;
  private n = 0;
  private readonly last = new Map<string, WireAttempt>();
  private unrouted = 0;

  constructor(private readonly target: ResolvedTarget) {
    this.ctx = new EngineContext(target, { seed: 0, runs: 0 });
  }

  /** Requests seen (judged or not). */
  get requests(): number {
    return this.n + this.unrouted;
  }

  observe(a: WireAttempt): void {
    const c = a.cloud && ENGINE_FAMILIES[a.cloud].caseFromRequest(a, this.n + 1);
    if (!c) {
      this.unrouted++;
      return;
    }
    this.n++;
    const exchange: Exchange = { request: a.request, ...(a.response ? { response: a.response } : { error: a.error ?? 'no answer' }), throttled: [], ms: 0 };
    const origin = { seed: 0, shrunk: false };
    judge(this.ctx, c, exchange, origin);
    const judgements = wireJudgements(c, a, this.target);
    // A resend is the same request again (a Volcengine one may change only its ClientToken) after a fault.
    const key = `${a.cloud}:${sameRequestKey(a)}`;
    const before = this.last.get(key);
    const resent = before && (before.response === undefined || before.response.status >= 500 || before.response.status === 429);
    const retry = resent ? retrySafety(c, [before, a]) : undefined;
    if (retry) judgements.push(retry);
    this.last.set(key, a);
    tallyClientJudgements(this.ctx, c, exchange, judgements, origin);
  }

  verdicts(): RuleVerdict[] {
    const rules = RULES.map((r) => r.id);
    for (const [rule, why] of Object.entries(UNSEEN)) this.ctx.tally.skip(rule as RuleId, why);
    return this.ctx.tally.verdicts(rules, () =>
      this.n === 0 ? 'no request of a checked operation came through the proxy' : 'the traffic did not exercise it',
    );
  }
}

function sameRequestKey(a: WireAttempt): string {
  const url = new URL(a.request.url);
  url.searchParams.delete('ClientToken');
  return `${a.request.method} ${url.pathname}?${url.searchParams} ${a.request.body ?? ''}`;
}
