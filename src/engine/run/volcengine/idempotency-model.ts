import fc from 'fast-check';
import { runModelSequences } from '../_internals/run-model-sequences.ts';
import type { RuleId } from '../../../rules/rules.ts';
import type { components as Ecs } from '../../../../generated/volcengine-ecs.ts';
import type { Case } from '../../cases/case.ts';
import type { InstanceSlot } from '../../cases/volcengine/instance-slots.ts';
import { bodyObject, isSuccess } from '../../transport/answer.ts';
import { ContractFailure } from '../../checks/contract-failure.ts';
import type { Exchange } from '../../transport/exchange.ts';
import type { EngineContext } from '../engine-context.ts';
import { executeCase } from '../execute-case.ts';

const OP = 'ecs.attach-key-pair';
type KeyPairChoice = { KeyPairName?: string; KeyPairId?: string };

/** What the model remembers of each ClientToken it used: the parameters and the first call's details. */
interface TokenModel {
  tokens: { token: string; slots: InstanceSlot[]; keyPair: KeyPairChoice; details: unknown }[];
}

const details = (x: Exchange) => bodyObject<Ecs['schemas']['AttachKeyPairSuccess']>(x.response)?.Result?.OperationDetails;
const code = (x: Exchange) => bodyObject<Ecs['schemas']['ErrorEnvelope']>(x.response)?.ResponseMetadata?.Error?.Code;

function attachCase(name: string, title: string, token: string, slots: InstanceSlot[], keyPair: KeyPairChoice, rules: RuleId[]): Case {
  return {
    id: `${OP}/model/${name}`,
    title,
    source: 'model',
    operation: OP,
    request: { logical: { InstanceIds: slots.map((s) => s.id), ...keyPair, ClientToken: token } },
    // 'any': a 412 IdempotentProcessing is a documented answer here, not a rejection of a valid request.
    expect: { kind: 'any', rules, instances: slots.map((s) => s.kind) },
  };
}

function judgeSequence(ctx: EngineContext, rule: RuleId, c: Case, x: Exchange, ok: boolean, title: string, documented: string): void {
  if (ok) ctx.tally.judged(rule, 'held');
  else
    ctx.tally.failed(new ContractFailure(rule, title, `${x.response?.status ?? x.error} ${x.response?.text.slice(0, 300) ?? ''}`, documented), c, x, {
      seed: ctx.settings.seed,
      shrunk: false,
    });
}

/** A first call with a new token; with `copies` > 1 the identical requests go out at once. */
class FirstCall implements fc.AsyncCommand<TokenModel, EngineContext> {
  constructor(
    readonly slots: InstanceSlot[],
    readonly keyPair: KeyPairChoice,
    readonly copies: number,
  ) {}
  check = () => true;
  async run(m: TokenModel, ctx: EngineContext): Promise<void> {
    const token = `idem-${ctx.unique()}`;
    // Concurrent copies are named apart: which of them gets 412 depends on timing, not on the target.
    const c = attachCase(
      this.copies > 1 ? 'first-call-concurrent' : 'first-call',
      'identical requests with one new token get one result',
      token,
      this.slots,
      this.keyPair,
      ['ecs.attach-key-pair.idempotent-processing'],
    );
    const answers = await Promise.all(Array.from({ length: this.copies }, () => executeCase(ctx, c)));
    const ok = answers.filter((a) => isSuccess(a.exchange.response));
    const results = new Set(ok.map((a) => JSON.stringify(details(a.exchange))));
    // With no success at all, or successes without OperationDetails, the request itself went wrong:
    // other rules judge that, not this one.
    if (this.copies > 1 && ok.length > 0 && ok.every((a) => Array.isArray(details(a.exchange)))) {
      const processing = (x: Exchange) => x.response?.status === 412 && code(x) === 'IdempotentProcessing';
      const allDocumented = answers.every((a) => isSuccess(a.exchange.response) || processing(a.exchange));
      const worst = answers.find((a) => !isSuccess(a.exchange.response) && !processing(a.exchange)) ?? answers[answers.length - 1]!;
      judgeSequence(
        ctx,
        'ecs.attach-key-pair.idempotent-processing',
        c,
        worst.exchange,
        allDocumented && results.size === 1,
        `${this.copies} concurrent duplicates got ${answers.map((a) => a.exchange.response?.status ?? 'no answer').join(', ')} with ${results.size} distinct results`,
        'one result, or 412 IdempotentProcessing; never a mismatch, never two different results',
      );
    }
    // Only a first call that returned OperationDetails gives a replay something to compare with.
    const first = ok.map((a) => details(a.exchange)).find(Array.isArray);
    if (first) m.tokens.push({ token, slots: this.slots, keyPair: this.keyPair, details: first });
  }
  toString = () => `FirstCall(${this.slots.length} ids, x${this.copies})`;
}

/** The same token and the same parameters: the first call's OperationDetails come back. */
class Replay implements fc.AsyncCommand<TokenModel, EngineContext> {
  constructor(readonly pick: number) {}
  check = (m: Readonly<TokenModel>) => m.tokens.length > 0;
  async run(m: TokenModel, ctx: EngineContext): Promise<void> {
    const t = m.tokens[this.pick % m.tokens.length]!;
    const c = attachCase('replay', "a replay returns the first call's OperationDetails", t.token, t.slots, t.keyPair, [
      'ecs.attach-key-pair.idempotent-replay',
    ]);
    const { exchange } = await executeCase(ctx, c);
    if (exchange.response?.status === 412) return; // the first call may still be in process
    const same = isSuccess(exchange.response) && JSON.stringify(details(exchange)) === JSON.stringify(t.details);
    judgeSequence(
      ctx,
      'ecs.attach-key-pair.idempotent-replay',
      c,
      exchange,
      same,
      'A replay did not return the first result',
      `200 with OperationDetails ${String(JSON.stringify(t.details)).slice(0, 300)}`,
    );
  }
  toString = () => `Replay(${this.pick})`;
}

/** The same token with other parameters: 400 IdempotentParameterMismatch. */
class Mismatch implements fc.AsyncCommand<TokenModel, EngineContext> {
  constructor(readonly pick: number) {}
  check = (m: Readonly<TokenModel>) => m.tokens.length > 0;
  async run(m: TokenModel, ctx: EngineContext): Promise<void> {
    const t = m.tokens[this.pick % m.tokens.length]!;
    // One more instance than the first call named: different parameters, whatever they were.
    const slots: InstanceSlot[] = [...t.slots, { id: `i-unknown-${ctx.unique()}`, kind: 'unknown' }];
    const c = attachCase('mismatch', 'a reused token with other parameters is a mismatch', t.token, slots, t.keyPair, [
      'ecs.attach-key-pair.idempotent-mismatch',
    ]);
    const { exchange } = await executeCase(ctx, c);
    const ok = exchange.response?.status === 400 && code(exchange) === 'IdempotentParameterMismatch';
    judgeSequence(
      ctx,
      'ecs.attach-key-pair.idempotent-mismatch',
      c,
      exchange,
      ok,
      'A reused token with other parameters was not a mismatch',
      '400 IdempotentParameterMismatch',
    );
  }
  toString = () => `Mismatch(${this.pick})`;
}

/** Model-based ClientToken sequences (fc.asyncModelRun): first calls (some concurrent), replays, mismatches. */
export async function runIdempotencyModel(ctx: EngineContext, slots: fc.Arbitrary<InstanceSlot[]>, keyPair: fc.Arbitrary<KeyPairChoice>): Promise<void> {
  const commands = [
    fc.tuple(slots, keyPair, fc.integer({ min: 1, max: 3 })).map(([s, k, n]) => new FirstCall(s, k, n)),
    fc.nat().map((i) => new Replay(i)),
    fc.nat().map((i) => new Mismatch(i)),
  ];
  const numRuns = Math.max(3, Math.ceil(ctx.settings.runs / 25));
  // Fidelity (exhaustive) runs the sequences whole, in one go, as both sides must get the same.
  if (ctx.settings.exhaustive) return runSequences(ctx, slots, keyPair, commands, ctx.settings.seed, numRuns);
  // Deciding: one sequence (its opening decides all three rules); the others in the explore pass.
  await runSequences(ctx, slots, keyPair, commands, ctx.settings.seed, 1);
  ctx.later(() => runSequences(ctx, slots, keyPair, commands, (ctx.settings.seed + 1) | 0, numRuns - 1));
}

async function runSequences(
  ctx: EngineContext,
  slots: fc.Arbitrary<InstanceSlot[]>,
  keyPair: fc.Arbitrary<KeyPairChoice>,
  commands: fc.Arbitrary<fc.AsyncCommand<TokenModel, EngineContext>>[],
  seed: number,
  numRuns: number,
): Promise<void> {
  if (numRuns <= 0) return;
  await runModelSequences(
    fc.asyncProperty(fc.tuple(slots, keyPair), fc.commands(commands, { maxCommands: 10 }), async ([s, k], cmds) => {
      // Each sequence starts with a concurrent first call, a replay and a mismatch, so every run decides all three rules.
      const model: TokenModel = { tokens: [] };
      await fc.asyncModelRun(() => ({ model, real: ctx }), [new FirstCall(s, k, 3), new Replay(0), new Mismatch(0), ...cmds]);
    }),
    { seed, numRuns },
  );
}
