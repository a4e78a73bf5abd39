import fc from 'fast-check';
import type { Case, ServerKnowledge } from '../../cases/case.ts';
import { loadExampleCases, replaceAtPointers } from '../../cases/examples/load-example-cases.ts';
import { associateBody, batchShape, type ServerSlot } from '../../cases/huawei/kps-arbitraries.ts';
import { ASSOCIATE_MUTATIONS, type AssociateBodyJson, type BodyMutation } from '../../cases/huawei/kps-mutations.ts';
import type { EngineContext } from '../engine-context.ts';
import { executeCase } from '../execute-case.ts';
import { inParallel } from '../_internals/in-parallel.ts';
import { runProperty } from '../run-property.ts';
import { buildBatch, freshForBatch } from './batch-builder.ts';
import { runBindModel } from './bind-model.ts';
import { runChangesNothingProbes } from './changes-nothing-probes.ts';
import { serverReturner } from './return-server.ts';
import { ServerPool } from './server-pool.ts';

/** Runs every Huawei case source against the target: examples, properties, mutations, auth, the model. */
export async function runHuaweiPlan(ctx: EngineContext): Promise<void> {
  const hw = ctx.target.huaweicloud!;
  const pool = new ServerPool(hw, serverReturner(ctx), ctx.dryRun);
  ctx.onExchange((c, x) => pool.observe(c, x));
  const keypairs = hw.fixtures.keypairs;
  if (keypairs.length === 0) return; // every Huawei rule needs a key pair that exists: skipped with that reason
  const mutationRuns = Math.max(2, Math.ceil(ctx.settings.runs / 10));
  const body = associateBody(keypairs);

  // A parallel plan that stops (a spent budget) fails the leases still waiting.
  ctx.onAbort((error) => pool.abort(error));

  // The plan's parts, at once where `ctx.parallel` (else in this order). Each lease is taken whole from
  // the pool (acquire), so parts that bind fresh servers only wait for each other, never change what
  // another predicts. What depends on earlier answers stays in one part, in order: the servers a refused
  // request taints leave the lists later batches name, so every request that may taint one and every
  // batch that reads the lists are in one part (runTaintOrdered), in the serial order.
  let model: Promise<void> | undefined;
  if (ctx.parallel) pool.holdForOpening();
  await ctx.lanes([
    // (d) first, the task lifecycle and what a bind does to later batches: its bind asks for the first
    // fresh server, which a target whose tasks never end would not give back.
    () => (model = runBindModel(ctx, pool)),
    () => runExamples(ctx, pool),
    // (b) valid requests from the schema, on servers AssociateKeypair may bind again
    () =>
      runProperty(
        ctx,
        'kps.associate/valid',
        fc.tuple(body, fc.nat()),
        ([b, i]) => {
          const server = pool.runningForAssociate(i);
          return {
            id: 'kps.associate/property/valid',
            title: 'a schema-valid bind of a running server is accepted',
            source: 'property',
            operation: 'kps.associate',
            request: { body: { ...b, server: { ...b.server, id: server } } },
            // No running server left to name (an accepted invalid request changed them all): no prediction.
            expect: { kind: server === undefined ? 'any' : 'accept', rules: [] },
          };
        },
        undefined,
        () => pool.readyForAssociate(),
      ),
    () => runReplaceAndReset(ctx, pool),
    () => runTaintOrdered(ctx, pool, mutationRuns),
    // (e) "changes nothing": a later request shows what a refused one did (after the model, so the
    // target's task times are known)
    async () => {
      await model;
      await runChangesNothingProbes(ctx, pool);
    },
  ]);
  await ctx.runExplorePass();
  // Every lease back before the run ends: the final restore sees only what leases could not put back.
  await pool.drain();
}

/** replace (auth) and reset (no auth) on running, unbound servers */
async function runReplaceAndReset(ctx: EngineContext, pool: ServerPool): Promise<void> {
  const keypairs = ctx.target.huaweicloud!.fixtures.keypairs;
  for (const [kind, auth] of [
    ['replace', { type: 'keypair', key: 'private-key-placeholder' }],
    ['reset', undefined],
  ] as const) {
    const [server] = await pool.acquire(1);
    if (!server) break;
    pool.once(server);
    await executeCase(ctx, {
      id: `kps.associate/example/${kind}`,
      title: `a ${kind} of a running server is accepted`,
      source: 'mutation',
      operation: 'kps.associate',
      request: { body: { keypair_name: keypairs[0], server: { id: server, ...(auth ? { auth } : {}) } } },
      expect: { kind: 'accept', rules: ['kps.associate.replace-or-reset'], servers: ['fresh'] },
    });
  }
}

/**
 * The part of the plan whose predictions depend on earlier answers, in its serial order: named
 * mutations (a refused request a target accepts taints the servers it names), then the valid batches
 * (which name only untainted servers), then the refused batches and the broken entries (which may taint
 * more, so they come after the valid batches: fidelity sends both sides the same requests). The refused
 * binds and the auth cases taint nothing; they stay here, where the serial plan has always sent them.
 */
async function runTaintOrdered(ctx: EngineContext, pool: ServerPool, mutationRuns: number): Promise<void> {
  const keypairs = ctx.target.huaweicloud!.fixtures.keypairs;
  const body = associateBody(keypairs);
  // (c) named mutations of valid bodies, each tied to the rules it breaks; rejected requests change
  // nothing, so the mutations run side by side
  const mutationCase = (mutation: BodyMutation, mutate: (valid: AssociateBodyJson) => unknown, valid: AssociateBodyJson): Case => {
    const out = mutate(valid);
    return {
      id: `kps.associate/mutation/${mutation.name}`,
      title: mutation.title,
      source: 'mutation',
      operation: 'kps.associate',
      request: out && typeof out === 'object' && 'raw' in out && typeof out.raw === 'string' ? { rawBody: out.raw } : { body: out },
      expect: { kind: mutation.kind, rules: mutation.rules },
    };
  };
  // Each listed value of a mutation once, on every run: what is decided does not depend on --runs. A
  // mutation's values go one after another (fidelity pairs same-id cases by their order), mutations side by side.
  await inParallel(
    ASSOCIATE_MUTATIONS.map((mutation) => async () => {
      for (const [k, mutate] of (mutation.fixed ?? []).entries())
        await executeCase(ctx, mutationCase(mutation, mutate, { keypair_name: keypairs[0], server: { id: pool.runningForAssociate(k) } }));
    }),
    ctx.concurrency,
  );
  await inParallel(
    ASSOCIATE_MUTATIONS.map(
      (mutation) => () =>
        runProperty(
          ctx,
          `kps.associate/${mutation.name}`,
          fc.tuple(body, mutation.mutate, fc.nat()),
          ([b, mutate, i]) => mutationCase(mutation, mutate, { ...b, server: { ...b.server, id: pool.runningForAssociate(i) } }),
          mutationRuns,
        ),
    ),
    ctx.concurrency,
  );

  // refused binds of servers the target file names, and of servers that exist nowhere (no taint: 'any')
  await runProperty(
    ctx,
    'kps.associate/unknown-keypair',
    fc.tuple(body, fc.string({ minLength: 1, maxLength: 40 }), fc.nat()),
    ([b, name, i]) => ({
      id: 'kps.associate/mutation/unknown-keypair',
      title: 'a keypair_name that does not exist is refused',
      source: 'mutation',
      operation: 'kps.associate',
      request: {
        body: { ...b, keypair_name: keypairs.includes(name) ? `${name}-${ctx.unique()}` : name, server: { ...b.server, id: pool.forRefusal(i) } },
      },
      expect: { kind: 'any', refused: true, rules: ['kps.associate.unknown-keypair'] },
    }),
    mutationRuns,
  );
  await runProperty(
    ctx,
    'kps.associate/unknown-server',
    body,
    (b) => ({
      id: 'kps.associate/mutation/unknown-server',
      title: 'a server that does not exist never gets SUCCESS',
      source: 'mutation',
      operation: 'kps.associate',
      request: { body: { ...b, server: { ...b.server, id: `00000000-dead-4000-8000-${ctx.unique().padStart(12, '0').slice(-12)}` } } },
      // Not refused in every reading (a FAILED body is allowed), but a server that does not exist cannot be bound.
      expect: { kind: 'any', refused: true, rules: ['kps.associate.unknown-server'], servers: ['unknown-server'] },
    }),
    mutationRuns,
  );

  // (b) valid batches over fresh, bound and stopped servers, with per-entry predictions. They only read
  // the lists (no batch here may taint a server), so the two properties run side by side.
  const batchProperty = (name: string, slots: ServerSlot[], runs: number | undefined, title: string, entries = Infinity) =>
    runProperty(
      ctx,
      `kps.batch-associate/${name}`,
      batchShape(keypairs, slots).map((s) => ({ ...s, entries: s.entries.slice(0, entries) })),
      (shape, fresh: string[]) => buildBatch(pool, fresh, shape.keypair, shape.entries, `kps.batch-associate/property/${name}`, title),
      runs,
      () => freshForBatch(pool),
    );
  await inParallel(
    [
      () => batchProperty('valid', ['fresh', 'bound', 'stopped'], undefined, 'each entry of a valid batch gets its documented task'),
      // all-fresh batches: the only batches every precondition of which is met (accepts-valid)
      () => batchProperty('valid-fresh', ['fresh'], mutationRuns, 'a valid batch of running, unbound servers succeeds', 2),
    ],
    ctx.parallel ? 2 : 1,
  );
  // After the valid batches: a refused batch that a target accepts taints the servers it names, which
  // would change the servers later batches name, and fidelity sends both sides the same requests.
  await runBatchMutations(ctx, pool);
  await runBatchItemValidation(ctx, pool, mutationRuns);
  await runAuthCases(ctx, pool);
}

async function runExamples(ctx: EngineContext, pool: ServerPool): Promise<void> {
  const keypair = ctx.target.huaweicloud!.fixtures.keypairs[0];
  // The documents' server ids may exist in someone's account: binds go only to the target's fixtures,
  // so each example is sent with its fixture members replaced by the target's own.
  for (const example of loadExampleCases().filter((e) => e.operation !== 'ecs.attach-key-pair')) {
    const base = { source: 'example' as const, operation: example.operation };
    const wanted = (example.bind.runningServer ?? []).length;
    const servers = wanted === 0 ? [] : await pool.acquire(wanted);
    if (servers.length < wanted) {
      for (const s of servers) pool.giveBack(s);
      continue;
    }
    for (const s of servers) pool.once(s);
    let bound = replaceAtPointers(example.request.body!, example.bind.keypair ?? [], () => keypair);
    bound = replaceAtPointers(bound, example.bind.runningServer ?? [], (i) => servers[i]);
    await executeCase(ctx, {
      ...base,
      id: `${example.operation}/example/${example.id}/bound`,
      title: `${example.title}, on the target's fixtures`,
      request: { body: bound },
      expect: { kind: 'accept', rules: [], servers: servers.map(() => 'fresh') },
    });
  }
}

async function runBatchMutations(ctx: EngineContext, pool: ServerPool): Promise<void> {
  const keypairs = ctx.target.huaweicloud!.fixtures.keypairs;
  const known = [...pool.bound, ...pool.stopped];
  const entry = (server: string, keypair = keypairs[0]) => ({ keypair_name: keypair, server: { id: server } });
  // Batches of these servers bind nothing: bound and stopped servers are documented to fail, and an id
  // that exists nowhere cannot be bound. So they are `refused`: safe where mutations are not allowed.
  const batchOf = (n: number, salt: string) =>
    Array.from({ length: n }, (_, i) => entry(known[i] ?? `00000000-feed-4000-8000-${(salt + i).padStart(12, '0').slice(-12)}`));
  const send = (name: string, title: string, body: unknown, expect: Case['expect']) =>
    executeCase(ctx, { id: `kps.batch-associate/mutation/${name}`, title, source: 'mutation', operation: 'kps.batch-associate', request: { body }, expect });

  await send('drop-batch_keypairs', 'a body without batch_keypairs is rejected', {}, { kind: 'reject', rules: ['kps.batch-associate.batch-required'] });
  for (const n of [11, 12, 20])
    await send(
      `entries-${n}`,
      `${n} entries are rejected`,
      { batch_keypairs: batchOf(n, ctx.unique()) },
      { kind: 'reject', rules: ['kps.batch-associate.max-10'] },
    );
  const ten = batchOf(10, ctx.unique());
  const knowledge = ten.map(
    (e) => (pool.bound.includes(e.server.id) ? 'bound' : pool.stopped.includes(e.server.id) ? 'stopped' : 'unknown-server') as ServerKnowledge,
  );
  await send(
    'entries-10',
    '10 entries are not rejected for their number',
    { batch_keypairs: ten },
    { kind: 'any', refused: true, rules: ['kps.batch-associate.max-10'], servers: knowledge },
  );
  // 10 fresh servers, where the target lists that many: the edge with every precondition met
  const fresh = ctx.mutationsAllowed && ctx.target.huaweicloud!.fixtures.servers.running.length >= 10 ? await pool.acquire(10) : [];
  if (fresh.length < 10) for (const s of fresh) pool.giveBack(s);
  else {
    for (const s of fresh) pool.once(s);
    await send(
      'entries-10-fresh',
      '10 valid entries are not rejected for their number',
      { batch_keypairs: fresh.map((s) => entry(s)) },
      { kind: 'accept', rules: ['kps.batch-associate.max-10'], servers: fresh.map(() => 'fresh') },
    );
  }
  const nowhere = `no-such-${ctx.unique()}`;
  await send(
    'unknown-keypair',
    'a batch naming a key pair that does not exist is refused',
    { batch_keypairs: batchOf(2, ctx.unique()).map((e) => ({ ...e, keypair_name: nowhere })) },
    { kind: 'any', refused: true, rules: [] },
  );
  await send('empty', 'an empty batch_keypairs is rejected', { batch_keypairs: [] }, { kind: 'any', refused: true, rules: ['kps.batch-associate.non-empty'] });
  if (keypairs.length >= 2 && known.length >= 2) {
    await send(
      'two-keypairs',
      'entries naming different key pairs are rejected',
      { batch_keypairs: [entry(known[0]!), entry(known[1]!, keypairs[1])] },
      { kind: 'reject', rules: ['kps.batch-associate.same-keypair'] },
    );
    await send(
      'eleven-and-two-keypairs',
      'a batch breaking two rules is rejected',
      { batch_keypairs: [...batchOf(10, ctx.unique()), entry(known[1]!, keypairs[1])] },
      { kind: 'reject', rules: ['kps.batch-associate.max-10', 'kps.batch-associate.same-keypair'] },
    );
  }
  for (const [name, value] of [
    ['object', { keypair_name: keypairs[0] }],
    ['string', 'all'],
    ['body-array', null],
  ] as const) {
    await send(`batch_keypairs-${name}`, 'a batch_keypairs that is not an array is rejected', name === 'body-array' ? [] : { batch_keypairs: value }, {
      kind: 'reject',
      rules: [],
    });
  }
  for (const [kind, list] of [
    ['stopped', pool.stopped],
    ['bound', pool.bound],
  ] as const) {
    if (list.length === 0) continue;
    const rule = kind === 'stopped' ? 'kps.batch-associate.not-running' : 'kps.batch-associate.already-bound';
    // Alone, the server is documented to fail: safe even where mutations are not allowed.
    await send(
      `${kind}-server-alone`,
      `a ${kind} server fails`,
      { batch_keypairs: [entry(list[0]!)] },
      { kind: 'any', refused: true, rules: [rule], servers: [kind] },
    );
    const [fresh] = ctx.mutationsAllowed ? await pool.acquire(1) : [];
    if (!fresh) continue;
    pool.once(fresh);
    await send(
      `${kind}-server`,
      `a ${kind} server fails while a running one succeeds`,
      { batch_keypairs: [entry(list[0]!), entry(fresh)] },
      {
        kind: 'any',
        rules: [rule, 'kps.batch-associate.partial-independence'],
        servers: [kind, 'fresh'],
      },
    );
  }
}

/** Batches with one entry broken by an AssociateKeypair body mutation (a property). */
async function runBatchItemValidation(ctx: EngineContext, pool: ServerPool, runs: number): Promise<void> {
  const keypairs = ctx.target.huaweicloud!.fixtures.keypairs;
  const known = [...pool.bound, ...pool.stopped];
  const entry = (server: string) => ({ keypair_name: keypairs[0], server: { id: server } });
  // an entry broken by any AssociateKeypair body mutation
  // Not a keypair_name of another value: that would break same-keypair too, and a 400 could not tell which.
  const schemaMutations = ASSOCIATE_MUTATIONS.filter(
    (m) => m.kind === 'reject' && m.rules.length > 0 && !m.rules.includes('kps.associate.malformed-json') && m.name !== 'keypair_name-wrong-type',
  );
  const brokenEntry = fc.constantFrom(...schemaMutations).chain((m) => m.mutate.map((mutate) => ({ m, mutate })));
  await runProperty(
    ctx,
    'kps.batch-associate/item-validation',
    fc.tuple(brokenEntry, associateBody(keypairs), fc.nat()),
    ([{ m, mutate }, b, i]) => {
      const server = known[i % Math.max(known.length, 1)] ?? 'x';
      const broken = mutate({ ...b, keypair_name: keypairs[0], server: { ...b.server, id: server } });
      return {
        id: `kps.batch-associate/mutation/item-${m.name}`,
        title: 'an entry that breaks the AssociateKeypair rules is rejected',
        source: 'mutation',
        operation: 'kps.batch-associate',
        request: { body: { batch_keypairs: [entry(server), broken] } },
        expect: { kind: 'reject', rules: ['kps.batch-associate.item-validation'] },
      };
    },
    runs,
  );
}

async function runAuthCases(ctx: EngineContext, pool: ServerPool): Promise<void> {
  const hw = ctx.target.huaweicloud!;
  const server = pool.forRefusal(0);
  if (!server) return;
  const variants =
    hw.credentials.kind === 'aksk'
      ? (['none', 'wrong-secret', 'tamper-body', 'stale-date', 'unknown-access-key'] as const)
      : (['none', 'wrong-secret'] as const);
  for (const auth of variants) {
    for (const operation of ['kps.associate', 'kps.batch-associate'] as const) {
      const body = { keypair_name: hw.fixtures.keypairs[0], server: { id: server } };
      await executeCase(ctx, {
        id: `${operation}/auth/${auth}`,
        title: `a request with auth "${auth}" is refused with 401`,
        source: 'auth',
        operation,
        request: { body: operation === 'kps.associate' ? body : { batch_keypairs: [body] }, auth },
        expect: { kind: 'any', refused: true, rules: [] },
      });
    }
  }
  if (hw.credentials.kind === 'token') {
    ctx.tally.skip('kps.auth.bad-signature', 'the target file authenticates with a token (huaweicloud.auth.tokenEnv), not AK/SK');
    ctx.tally.skip('kps.auth.stale-date', 'the target file authenticates with a token (huaweicloud.auth.tokenEnv), not AK/SK');
  }
}
