import fc from 'fast-check';
import { runModelSequences } from '../_internals/run-model-sequences.ts';
import type { Case } from '../../cases/case.ts';
import { bodyObject, isSuccess } from '../../transport/answer.ts';
import type { EngineContext } from '../engine-context.ts';
import { executeCase } from '../execute-case.ts';
import { followTask } from './task-follower.ts';
import type { ServerPool } from './server-pool.ts';

/** What the suite knows of the servers its own commands touched (RULES.md, State). */
interface BindModel {
  /** Bound by the suite, task not yet seen terminal: state unknown, no prediction. */
  pending: { server: string; taskId: string }[];
  /** Bound by the suite, task seen SUCCESS_*: a later batch must fail it (already-bound). */
  bound: string[];
  /** Every fresh server the sequence leased, released (and so restored) when it ends. */
  held: string[];
}

interface Real {
  readonly ctx: EngineContext;
  readonly pool: ServerPool;
}

type BindCommand = fc.AsyncCommand<BindModel, Real>;

const keypairOf = (r: Real) => r.ctx.target.huaweicloud!.fixtures.keypairs[0];

/** AssociateKeypair on a fresh server: a task starts; the server's state is unknown until it ends. */
class BindFresh implements BindCommand {
  constructor(readonly replace: boolean) {}
  check = (_m: Readonly<BindModel>) => true;
  async run(m: BindModel, r: Real): Promise<void> {
    // The model holds its servers: one it holds does not count as coming back to it.
    const [server] = await r.pool.acquire(1, m, true);
    if (!server) return;
    m.held.push(server);
    const c: Case = {
      id: 'kps.associate/model/bind-fresh',
      title: 'a bind of a running, unbound server starts a task',
      source: 'model',
      operation: 'kps.associate',
      request: {
        body: { keypair_name: keypairOf(r), server: { id: server, ...(this.replace ? { auth: { type: 'password', key: 'placeholder-password' } } : {}) } },
      },
      expect: { kind: 'accept', rules: ['kps.associate.replace-or-reset'], servers: ['fresh'] },
    };
    const { exchange } = await executeCase(r.ctx, c);
    const taskId = bodyObject(exchange.response)?.task_id;
    if (isSuccess(exchange.response) && typeof taskId === 'string' && taskId !== '') m.pending.push({ server, taskId });
  }
  toString = () => `BindFresh(${this.replace ? 'replace' : 'reset'})`;
}

/** ListKeypairTask until terminal: a SUCCESS_* makes the server bound, as far as the suite knows. */
class FollowTask implements BindCommand {
  check = (m: Readonly<BindModel>) => m.pending.length > 0;
  async run(m: BindModel, r: Real): Promise<void> {
    const { server, taskId } = m.pending.shift()!;
    const status = await followTask(r.ctx, taskId, server);
    if (status?.startsWith('SUCCESS_')) m.bound.push(server);
  }
  toString = () => 'FollowTask';
}

/** BatchAssociateKeypair on a server the suite bound: documented to fail (already-bound). */
class BatchOnSuiteBound implements BindCommand {
  check = (m: Readonly<BindModel>) => m.bound.length > 0;
  async run(m: BindModel, r: Real): Promise<void> {
    const server = m.bound[m.bound.length - 1]!;
    await executeCase(r.ctx, {
      id: 'kps.batch-associate/model/batch-on-suite-bound',
      title: 'a batch fails a server the suite bound earlier',
      source: 'model',
      operation: 'kps.batch-associate',
      request: { body: { batch_keypairs: [{ keypair_name: keypairOf(r), server: { id: server } }] } },
      expect: { kind: 'any', rules: ['kps.batch-associate.already-bound'], servers: ['bound'] },
    });
  }
  toString = () => 'BatchOnSuiteBound';
}

/**
 * Model-based sequences (fc.asyncModelRun): binds, task lookups to the end, and batches on servers the
 * suite itself bound. The model predicts only what the documents promise once a task is terminal.
 */
export async function runBindModel(ctx: EngineContext, pool: ServerPool): Promise<void> {
  const commands = [fc.boolean().map((replace) => new BindFresh(replace)), fc.constant(new FollowTask()), fc.constant(new BatchOnSuiteBound())];
  const numRuns = Math.max(2, Math.ceil(ctx.settings.runs / 25));
  // Fidelity (exhaustive) runs the sequences whole, in one go, as both sides must get the same.
  if (ctx.settings.exhaustive) return runSequences(ctx, pool, commands, ctx.settings.seed, numRuns);
  // Deciding: one sequence (its opening decides the task rules); the others in the explore pass.
  const seeds = [ctx.settings.seed, (ctx.settings.seed + 1) | 0];
  await runSequences(ctx, pool, commands, seeds[0]!, 1);
  ctx.later(() => runSequences(ctx, pool, commands, seeds[1]!, numRuns - 1));
}

async function runSequences(ctx: EngineContext, pool: ServerPool, commands: fc.Arbitrary<BindCommand>[], seed: number, numRuns: number): Promise<void> {
  if (numRuns <= 0) return;
  await runModelSequences(
    fc.asyncProperty(fc.commands(commands, { maxCommands: 8 }), async (cmds) => {
      // Every started task is followed to its end, so no run leaves a server in an unknown state.
      const model: BindModel = { pending: [], bound: [], held: [] };
      // Every run opens with a bind followed to its end, so the task rules are decided whatever is drawn.
      const opening = [new BindFresh(false), new FollowTask(), new BatchOnSuiteBound()];
      await fc.asyncModelRun(
        () => ({ model, real: { ctx, pool } }),
        [...opening, ...cmds, new FollowTask(), new FollowTask(), new FollowTask(), new BatchOnSuiteBound()],
      );
      while (model.pending.length > 0) await new FollowTask().run(model, { ctx, pool });
      for (const server of model.held) pool.release(server);
    }),
    { seed, numRuns },
  );
}
