import type { AuthVariant, Case } from '../../cases/case.ts';
import { readAnswer } from '../../checks/read-answer.ts';
import { ContractFailure } from '../../checks/contract-failure.ts';
import type { EngineContext } from '../engine-context.ts';
import { executeCase } from '../execute-case.ts';

const OP = 'ecs.attach-key-pair';
type ProbedRule = 'ecs.auth.required' | 'ecs.auth.bad-signature' | 'ecs.auth.stale-date';

/** The gateway refusals whose rules say "changes nothing", and the auth variant that provokes each. */
const REFUSALS: readonly [ProbedRule, AuthVariant][] = [
  ['ecs.auth.required', 'none'],
  ['ecs.auth.bad-signature', 'wrong-secret'],
  ['ecs.auth.bad-signature', 'tamper-body'],
  ['ecs.auth.bad-signature', 'other-region-scope'],
  ['ecs.auth.stale-date', 'stale-date'],
];

/**
 * "Changes nothing" (RULES.md, State) for AttachKeyPair, checked by a later request: a refused request
 * carries a new ClientToken; a valid request then reuses that token with other parameters. Had the
 * refusal recorded the token, the second would get 400 IdempotentParameterMismatch (or 412
 * IdempotentProcessing); a target that took nothing answers it as a first call.
 */
export async function runTokenProbes(ctx: EngineContext, instanceIds: readonly string[], keyPair: { name: string }): Promise<void> {
  // The probe attaches a key pair: not where mutations are forbidden.
  if (!ctx.mutationsAllowed) return;
  const running = ctx.target.volcengine!.fixtures.instances.running;
  for (const [rule, auth] of REFUSALS) {
    const token = `probe-${ctx.unique()}`;
    const refusal = await executeCase(ctx, {
      id: `${OP}/changes-nothing/${auth}`,
      title: `a request with auth "${auth}" is refused and takes no token`,
      source: 'auth',
      operation: OP,
      request: { logical: { InstanceIds: [...instanceIds], KeyPairName: keyPair.name, ClientToken: token }, auth },
      expect: { kind: 'any', refused: true, rules: [] },
    });
    // Sent whatever the refusal got, so that what the run sends never depends on an answer (fidelity).
    const other = [...instanceIds, `i-unknown-${ctx.unique()}`];
    const c: Case = {
      id: `${OP}/changes-nothing/probe`,
      title: "a refused request's ClientToken is free for another request",
      source: 'model',
      operation: OP,
      request: { logical: { InstanceIds: other, KeyPairName: keyPair.name, ClientToken: token } },
      expect: { kind: 'any', probes: true, rules: [rule], instances: other.map((id) => (running.includes(id) ? 'running' : 'unknown')) },
    };
    const { exchange } = await executeCase(ctx, c);
    // Judged only after a refusal (one that was not refused is the auth check's finding) with an answer.
    if (!refusal.exchange.response || refusal.exchange.response.status < 400 || !exchange.response) continue;
    const code = readAnswer(c, exchange).error?.code;
    if (code !== 'IdempotentParameterMismatch' && code !== 'IdempotentProcessing') {
      ctx.tally.judged(rule, 'held');
      continue;
    }
    const failure = new ContractFailure(
      rule,
      'A refused request took its ClientToken',
      `after ${refusal.exchange.response.status} to auth "${auth}", the same ClientToken with other parameters got ${exchange.response.status} ${code}`,
      'a refused request changes nothing: its ClientToken is not recorded, so a later request may use it',
    );
    ctx.tally.failed(failure, c, exchange, { seed: ctx.settings.seed, shrunk: false });
  }
}
