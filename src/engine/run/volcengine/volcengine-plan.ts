import fc from 'fast-check';
import type { CaseRequest, Expectation } from '../../cases/case.ts';
import { loadExampleCases, replaceAtPointers } from '../../cases/examples/load-example-cases.ts';
import { instanceSlots, tokenShape, uniqueToken, type InstanceSlot } from '../../cases/volcengine/instance-slots.ts';
import type { EngineContext } from '../engine-context.ts';
import { executeCase } from '../execute-case.ts';
import { runProperty } from '../run-property.ts';
import { runTokenProbes } from './token-probes.ts';
import { runIdempotencyModel } from './idempotency-model.ts';

const OP = 'ecs.attach-key-pair';

/** Runs every Volcengine case source: examples, valid properties, mutations, gateway cases, the ClientToken model. */
export async function runVolcenginePlan(ctx: EngineContext): Promise<void> {
  const volc = ctx.target.volcengine!;
  const keyPairs = volc.fixtures.keyPairs;
  const running = volc.fixtures.instances.running;
  if (keyPairs.length === 0) return; // every AttachKeyPair prediction needs a key pair that exists
  const kp = keyPairs[0]!;
  const mutationRuns = Math.max(2, Math.ceil(ctx.settings.runs / 10));
  const send = (name: string, title: string, request: CaseRequest, expect: Expectation) =>
    executeCase(ctx, { id: `${OP}/mutation/${name}`, title, source: 'mutation', operation: OP, request, expect });
  const slots = (max: number) => instanceSlots(volc, max, () => ctx.unique());
  const logical = (s: InstanceSlot[], more: Record<string, string | undefined>) => ({ InstanceIds: s.map((x) => x.id), ...more });

  // The plan's parts: at once where ctx.parallel (else in this order). No AttachKeyPair prediction
  // depends on another case's answer (each names instances by kind, each ClientToken is new to the run),
  // so the parts only share the target's capacity.
  const parts: (() => Promise<unknown>)[] = [];
  parts.push(async () => {
    // (a) the document's example, as written and on the target's fixtures
    for (const example of loadExampleCases().filter((e) => e.operation === OP)) {
      const raw = example.request.logical as Record<string, string | string[]>;
      await executeCase(ctx, {
        id: `${OP}/example/${example.id}`,
        title: `${example.title}, as written`,
        source: 'example',
        operation: OP,
        request: { logical: raw },
        expect: { kind: 'any', rules: [] },
      });
      if (running.length < (example.bind.runningInstances ?? []).length) continue;
      let bound = replaceAtPointers(raw, example.bind.keyPairName ?? [], () => kp.name);
      bound = replaceAtPointers(bound, example.bind.runningInstances ?? [], (i) => running[i]);
      await executeCase(ctx, {
        id: `${OP}/example/${example.id}/bound`,
        title: `${example.title}, on the target's fixtures`,
        source: 'example',
        operation: OP,
        request: { logical: bound },
        expect: { kind: 'accept', rules: [], instances: (example.bind.runningInstances ?? []).map(() => 'running') },
      });
    }
  });

  // (b) valid requests: instances of every kind, the key pair by name, id or both, a unique token
  const keyPairChoice = fc.oneof(
    fc.constantFrom(...keyPairs).map((k) => ({ KeyPairName: k.name })),
    fc.constantFrom(...keyPairs).map((k) => ({ KeyPairId: k.id })),
    fc.tuple(fc.constantFrom(...keyPairs), fc.constantFrom(...keyPairs)).map(([a, b]) => ({ KeyPairName: a.name, KeyPairId: b.id })),
  );
  // One valid request in six carries a ClientToken (each is held "in process" by the target for a while);
  // the token's own rules are exercised by the cases and the model below.
  parts.push(async () => {
    await runProperty(ctx, `${OP}/valid`, fc.tuple(slots(20), keyPairChoice, fc.option(tokenShape, { nil: undefined, freq: 5 })), ([s, k, token]) => ({
      id: `${OP}/property/valid`,
      title: 'a valid request gets the documented answer per instance',
      source: 'property',
      operation: OP,
      request: { logical: logical(s, { ...k, ClientToken: token === undefined ? undefined : uniqueToken(token, ctx.unique()) }) },
      expect: { kind: 'accept', rules: [], instances: s.map((x) => x.kind) },
    }));
  });

  // (c) mutations, each tied to the rule it breaks, boundaries on both sides
  const ids = (n: number) => Array.from({ length: n }, (_, i) => running[i % Math.max(running.length, 1)] ?? `i-unknown${i}`);
  const distinct = (n: number) => Array.from({ length: n }, (_, i) => (i < running.length ? running[i]! : `i-unknown${i}x${ctx.unique()}`));
  const kinds = (list: string[]) => list.map((id) => (running.includes(id) ? 'running' : 'unknown') as 'running' | 'unknown');
  // one instance of every kind the target lists, and one that exists nowhere: every per-instance rule at once
  const everyKind = (Object.entries(volc.fixtures.instances) as [InstanceSlot['kind'], readonly string[]][])
    .filter(([, list]) => list.length > 0)
    .map(([kind, list]): InstanceSlot => ({ id: list[0]!, kind }));
  // Unique values are drawn inside the parts, so a serial run draws them in the order it sends.
  parts.push(async () => {
    const allKinds = [...everyKind, { id: `i-unknown${ctx.unique()}`, kind: 'unknown' as const }];
    await send(
      'every-kind',
      'each kind of instance gets its documented answer',
      { logical: logical(allKinds, { KeyPairName: kp.name }) },
      { kind: 'accept', rules: [], instances: allKinds.map((x) => x.kind) },
    );
    await send(
      'no-instance-ids',
      'a request without InstanceIds is rejected',
      { logical: { KeyPairName: kp.name } },
      { kind: 'reject', rules: [`${OP}.instance-ids-required`] },
    );
    for (const n of [101, 102, 150])
      await send(
        `instance-ids-${n}`,
        `${n} instance ids are rejected`,
        { logical: { InstanceIds: ids(n), KeyPairName: kp.name } },
        { kind: 'reject', rules: [`${OP}.max-100`] },
      );
  });
  parts.push(async () => {
    const hundred = distinct(100);
    // 100 ids are a valid request: it binds the running and stopped ones among them
    await send(
      'instance-ids-100',
      '100 instance ids are not rejected for their number',
      { logical: { InstanceIds: hundred, KeyPairName: kp.name } },
      { kind: 'accept', rules: [`${OP}.max-100`], instances: kinds(hundred) },
    );
    await send(
      'no-key-pair',
      'a request without KeyPairName or KeyPairId is rejected',
      { logical: { InstanceIds: ids(1) } },
      { kind: 'reject', rules: [`${OP}.keypair-required`] },
    );
    await send(
      'no-key-pair-no-ids',
      'a request breaking two rules is rejected',
      { logical: {} },
      { kind: 'reject', rules: [`${OP}.keypair-required`, `${OP}.instance-ids-required`] },
    );
  });
  parts.push(async () => {
    await runProperty(
      ctx,
      `${OP}/unknown-key-pair`,
      fc.tuple(fc.boolean(), fc.string({ minLength: 1, maxLength: 30 })),
      ([byId, text]) => {
        const unknown = `${text}-${ctx.unique()}`;
        return {
          id: `${OP}/mutation/unknown-key-pair`,
          title: 'a key pair that does not exist is 404',
          source: 'mutation',
          operation: OP,
          request: { logical: { InstanceIds: ids(1), ...(byId ? { KeyPairId: unknown } : { KeyPairName: unknown }) } },
          expect: { kind: 'any', refused: true, rules: [`${OP}.keypair-not-found`] },
        };
      },
      mutationRuns,
    );
  });
  parts.push(async () => {
    await send(
      'key-pair-id-wins',
      'a valid KeyPairId wins over an unknown KeyPairName',
      { logical: { InstanceIds: ids(1), KeyPairName: `no-such-${ctx.unique()}`, KeyPairId: kp.id } },
      { kind: 'accept', rules: [`${OP}.keypair-id-wins`], instances: kinds(ids(1)) },
    );
    await send(
      'unknown-id-valid-name',
      'an unknown KeyPairId with a valid KeyPairName is 404',
      { logical: { InstanceIds: ids(1), KeyPairName: kp.name, KeyPairId: `kp-none${ctx.unique()}` } },
      { kind: 'any', refused: true, rules: [`${OP}.keypair-id-wins`] },
    );
  });
  parts.push(async () => {
    await runProperty(
      ctx,
      `${OP}/token-too-long`,
      fc.integer({ min: 65, max: 200 }),
      (n) => ({
        id: `${OP}/mutation/token-too-long`,
        title: 'a ClientToken over 64 characters is rejected',
        source: 'mutation',
        operation: OP,
        request: { logical: { InstanceIds: ids(1), KeyPairName: kp.name, ClientToken: uniqueToken('x'.repeat(n), ctx.unique()) } },
        expect: { kind: 'reject', rules: [`${OP}.client-token-format`] },
      }),
      mutationRuns,
    );
  });
  parts.push(async () => {
    await runProperty(
      ctx,
      `${OP}/token-non-ascii`,
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 10 }).filter((s) => /[^\x00-\x7f]/.test(s)),
      (s) => ({
        id: `${OP}/mutation/token-non-ascii`,
        title: 'a ClientToken with a non-ASCII character is rejected',
        source: 'mutation',
        operation: OP,
        request: { logical: { InstanceIds: ids(1), KeyPairName: kp.name, ClientToken: `${s}${ctx.unique()}` } },
        expect: { kind: 'reject', rules: [`${OP}.client-token-format`] },
      }),
      mutationRuns,
    );
  });
  parts.push(async () => {
    // the limit at its edge, every run: 65 characters are refused, 64 accepted
    await send(
      'token-65',
      'a ClientToken of 65 characters is rejected',
      { logical: { InstanceIds: ids(1), KeyPairName: kp.name, ClientToken: uniqueToken('x'.repeat(65), ctx.unique()) } },
      { kind: 'reject', rules: [`${OP}.client-token-format`] },
    );
    for (const [name, token] of [
      ['token-64', uniqueToken(' ~'.repeat(32), ctx.unique())],
      ['token-1', '~'],
      ['token-empty', ''],
    ] as const) {
      // A 1-character token can recur across runs: its request is always the same, so a recurrence is a replay.
      await send(
        name,
        `a ClientToken of ${token.length} printable characters is accepted`,
        { logical: { InstanceIds: ids(1), KeyPairName: kp.name, ClientToken: token } },
        { kind: 'accept', rules: [`${OP}.client-token-format`], instances: kinds(ids(1)) },
      );
    }
    for (const [name, fixed, title] of [
      ['version-other', { Version: '2019-01-01' }, 'another Version is 404 InvalidActionOrVersion'],
      ['no-version', { Version: undefined }, 'a request without Version is refused'],
      ['no-action', { Action: undefined }, 'a request without Action is refused'],
    ] as const) {
      await send(name, title, { logical: { InstanceIds: ids(1), KeyPairName: kp.name }, fixed }, { kind: 'any', refused: true, rules: ['ecs.version'] });
    }
    await send(
      'unknown-parameter',
      'an unknown query parameter gets a documented answer',
      { logical: { InstanceIds: ids(1), KeyPairName: kp.name }, extraQuery: [['Unknown', 'x']] },
      { kind: 'any', rules: [] },
    );
  });
  parts.push(async () => {
    // the gateway: unsigned, wrongly signed (another secret, a query changed after signing, a scope for
    // another region), unknown key, stale date
    for (const auth of ['none', 'wrong-secret', 'tamper-body', 'other-region-scope', 'unknown-access-key', 'stale-date'] as const) {
      await executeCase(ctx, {
        id: `${OP}/auth/${auth}`,
        title: `a request with auth "${auth}" is refused`,
        source: 'auth',
        operation: OP,
        request: { logical: { InstanceIds: ids(1), KeyPairName: kp.name }, auth },
        expect: { kind: 'any', refused: true, rules: [] },
      });
    }
  });
  parts.push(async () => {
    // "changes nothing": a refused request's ClientToken is not taken
    await runTokenProbes(ctx, ids(1), kp);
  });
  parts.push(async () => {
    // (d) ClientToken sequences: replay, mismatch, concurrent duplicates
    await runIdempotencyModel(ctx, slots(5), keyPairChoice);
  });
  await ctx.lanes(parts);
  await ctx.runExplorePass();
}
