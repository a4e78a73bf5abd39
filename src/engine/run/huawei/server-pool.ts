import type { components as Kps } from '../../../../generated/huaweicloud-kps.ts';
import type { Case } from '../../cases/case.ts';
import type { KpsEntryJson, KpsRequestJson } from '../../cases/huawei/kps-request-json.ts';
import { bodyObject, isSuccess } from '../../transport/answer.ts';
import type { HuaweiTarget } from '../../target/resolved-target.ts';
import type { Exchange } from '../../transport/exchange.ts';

/** What a lease's case did to its server, as far as the answers tell. */
interface LeaseEffect {
  /** Task ids of binds the target accepted for the server. */
  readonly tasks: string[];
  /** An answer that cannot rule out a bind (no answer, a 2xx without a task id). */
  maybe: boolean;
}

/**
 * Puts a leased server back: waits for its bind tasks, unbinds it if they may have bound it, follows the
 * unbind to its end. True when the server is running and unbound again.
 */
export type ReturnServer = (server: string, effect: { tasks: readonly string[]; maybe: boolean }) => Promise<boolean>;

/** The holder of the server runningForAssociate keeps for the run. */
const SCRATCH = {};

/** Restores start in the background once fewer fresh servers than this are left idle. */
const LOW_WATER = 2;

/**
 * What the suite knows of each Huawei server during a run (RULES.md, State), and the lease of the
 * running, unbound fixture servers ("fresh"). A real account has only a few of them, so a case leases one
 * and gets it back restored: a lease for one case ends with that case's answer; a lease held by a
 * sequence ends when the sequence releases it. A returned server that a bind may have changed is unbound
 * (DisassociateKeypair followed to its end) before it is leased again; restores run concurrently, and
 * start early when the idle servers run low. Predictions are made only from knowledge.
 */
export class ServerPool {
  private readonly idle: string[];
  /** Leased for one case: returned when that case's answer (or its not being sent) is seen. */
  private readonly once_ = new Set<string>();
  private readonly effects = new Map<string, LeaseEffect>();
  /** Returned servers a bind may have changed, waiting to be restored. */
  private readonly dirty: { server: string; effect: LeaseEffect }[] = [];
  private readonly restoring = new Set<Promise<void>>();
  /** Servers an invalid request was accepted for: whatever it did, their state is no longer known. */
  private readonly tainted = new Set<string>();
  /** A fresh server held for the whole run for AssociateKeypair, when the target lists no bound server. */
  private scratch: string | undefined;
  /** Leases asked for and not yet given (acquire), served in order as servers come back. */
  private readonly waiters: {
    n: number;
    holder: object | undefined;
    opening: boolean;
    resolve: (servers: string[]) => void;
    reject: (error: unknown) => void;
  }[] = [];
  private heldForOpening = false;
  /** Who holds each leased server (acquire's `holder`), undefined for one not asked for by a holder. */
  private readonly holders = new Map<string, object | undefined>();
  private aborted: { error: unknown } | undefined;

  constructor(
    private readonly target: HuaweiTarget,
    private readonly returnServer: ReturnServer,
    /** Plan mode: no answer ever comes, so a lease changes nothing. */
    private readonly dryRun = false,
  ) {
    this.idle = [...target.fixtures.servers.running];
  }

  /**
   * Leases `n` fresh servers at once, waiting until that many are idle; fewer (maybe none) when no more
   * can come: those idle, restoring or leased to others are fewer than `n`. Servers a `holder` holds do
   * not count as coming back to it (a sequence asking for one more while it holds the rest). What comes
   * back is leased as a whole, in one step, so parts of a plan run at once cannot take a server from
   * between another's wait and its case. A server leased here is used with `once` (one case), kept
   * until `release` (held), or given back unused with `giveBack`.
   */
  acquire(n: number, holder?: object, opening = false): Promise<string[]> {
    if (this.aborted) return Promise.reject(this.aborted.error);
    return new Promise((resolve, reject) => {
      this.waiters.push({ n, holder, resolve, reject, opening });
      this.serve();
    });
  }

  /**
   * Until a lease marked `opening` is asked for, only such a lease is given: the task model's first
   * bind gets the first fresh server, as in the serial plan, even when other parts ask first (a target
   * whose tasks never end gives none back, and the model's bind is what shows it).
   */
  holdForOpening(): void {
    this.heldForOpening = true;
  }

  /** A leased server (acquire) is for one case: returned when that case's answer is seen. */
  once(server: string): void {
    this.once_.add(server);
  }

  /** A leased server (acquire) that no case named: idle again, nothing to restore. */
  giveBack(server: string): void {
    if (!this.effects.delete(server)) return;
    this.holders.delete(server);
    this.idle.unshift(server);
    this.serve();
  }

  /** A parallel plan stopped: waiting leases fail with its error, and so does every later one. */
  abort(error: unknown): void {
    this.aborted ??= { error };
    for (const w of this.waiters.splice(0)) w.reject(error);
  }

  /** A fresh server held by a sequence until `release`; undefined when none is idle. */
  holdFresh(): string | undefined {
    return this.lease();
  }

  /** A held server a later answer showed changed after all: it is unbound before its next lease. */
  suspect(server: string): void {
    const effect = this.effects.get(server);
    if (effect) effect.maybe = true;
  }

  /** Ends a held lease: the server goes back idle, or to be restored when a bind may have changed it. */
  release(server: string): void {
    const effect = this.effects.get(server);
    if (!effect) return;
    this.effects.delete(server);
    this.holders.delete(server);
    if (!effect.maybe && effect.tasks.length === 0) this.idle.push(server);
    else this.dirty.push({ server, effect });
    if (this.idle.length < LOW_WATER || this.waiters.length > 0) this.restoreDirty();
    this.serve();
  }

  /**
   * Waits for every restore in flight (end of the plan). Servers still waiting are left to the final
   * restore, which the ledger drives (and which a throw-away target skips).
   */
  async drain(): Promise<void> {
    while (this.restoring.size > 0) await Promise.race(this.restoring);
  }

  get bound(): readonly string[] {
    return this.target.fixtures.servers.bound.filter((s) => !this.tainted.has(s));
  }

  get stopped(): readonly string[] {
    return this.target.fixtures.servers.stopped.filter((s) => !this.tainted.has(s));
  }

  /**
   * A running server to bind with AssociateKeypair, which may bind a server again (replace or reset):
   * a fixture bound server, or else one fresh server held for the run for this purpose.
   */
  /**
   * A server the target file names (bound first, then running, then stopped), whatever the run has
   * learnt of it: for requests documented to be refused, which bind nothing, and whose servers must not
   * depend on earlier answers (fidelity sends both sides the same requests).
   */
  forRefusal(index: number): string | undefined {
    const { bound, running, stopped } = this.target.fixtures.servers;
    const named = bound.length > 0 ? bound : running.length > 0 ? running : stopped;
    return named[index % Math.max(named.length, 1)];
  }

  /** Waits until runningForAssociate has a server to give (a bound fixture, or a fresh one to hold). */
  async readyForAssociate(): Promise<void> {
    if (this.target.fixtures.servers.bound.length > 0 || this.scratch !== undefined) return;
    const [server] = await this.acquire(1, SCRATCH);
    this.scratch ??= server;
    if (server !== undefined && this.scratch !== server) this.giveBack(server);
  }

  runningForAssociate(index: number): string | undefined {
    // Taint does not matter here: AssociateKeypair binds a running server whatever it is bound to, and
    // the servers named must not depend on earlier answers (fidelity sends both sides the same).
    const reusable = this.target.fixtures.servers.bound;
    if (reusable.length > 0) return reusable[index % reusable.length];
    this.scratch ??= this.holdFresh();
    return this.scratch;
  }

  /**
   * Learns from an exchange: which leased servers a bind may have changed, and which servers an accepted
   * invalid request may have changed in ways the documents do not describe (they leave the known lists).
   * A one-case lease ends here.
   */
  observe(c: Case, x: Exchange): void {
    if (c.operation !== 'kps.associate' && c.operation !== 'kps.batch-associate') return;
    const servers = serversOf(c);
    if (!this.dryRun && !x.notSent) {
      if (c.expect.kind === 'reject' && isSuccess(x.response)) for (const s of servers) this.tainted.add(s);
      for (const s of servers) {
        const effect = this.effects.get(s);
        if (effect) noteBind(effect, c, x, s);
      }
    }
    for (const s of servers) {
      if (this.once_.delete(s)) this.release(s);
    }
  }

  private lease(holder?: object): string | undefined {
    const id = this.idle.shift();
    if (id === undefined) return undefined;
    this.effects.set(id, { tasks: [], maybe: false });
    this.holders.set(id, holder);
    if (this.idle.length < LOW_WATER) this.restoreDirty();
    return id;
  }

  /**
   * Gives waiting leases what has come back, in the order they were asked for; a lease that cannot be
   * given now does not hold up a smaller one behind it. One that can never be given whole gets what
   * is idle (as a serial plan, which waits only for the restores in flight, would).
   */
  private serve(): void {
    let waiting = false;
    if (this.heldForOpening && !this.waiters.some((w) => w.opening)) return;
    for (let i = 0; i < this.waiters.length;) {
      const w = this.waiters[i]!;
      if (this.heldForOpening && !w.opening) {
        i++;
        continue;
      }
      if (w.opening) this.heldForOpening = false;
      if (this.idle.length >= w.n || this.comingBackTo(w.holder) < w.n) {
        this.waiters.splice(i, 1);
        const servers: string[] = [];
        while (servers.length < w.n) {
          const id = this.lease(w.holder);
          if (id === undefined) break;
          servers.push(id);
        }
        w.resolve(servers);
      } else {
        waiting = true;
        i++;
      }
    }
    // Someone waits for more than is idle: what waits to be restored is restored now.
    if (waiting) this.restoreDirty();
  }

  /** Servers that are or will be idle for `holder`: idle, restoring, waiting for a restore, leased to others. */
  private comingBackTo(holder: object | undefined): number {
    let others = 0;
    for (const [server, h] of this.holders) if (server !== this.scratch && (h === undefined || h !== holder)) others++;
    return this.idle.length + this.restoring.size + this.dirty.length + others;
  }

  private restoreDirty(): void {
    for (const { server, effect } of this.dirty.splice(0)) {
      const job: Promise<void> = this.returnServer(server, effect)
        .catch(() => false)
        // One that could not be restored is not leased again; the ledger keeps it for the final restore.
        .then((ok) => void (ok && this.idle.push(server)))
        .finally(() => {
          this.restoring.delete(job);
          this.serve();
        });
      this.restoring.add(job);
    }
  }
}

/** The server ids a bind request names, in order. */
function serversOf(c: Case): string[] {
  const body = c.request.body as KpsRequestJson | null | undefined;
  const entries: (KpsEntryJson | null | undefined)[] =
    c.operation === 'kps.batch-associate' ? (Array.isArray(body?.batch_keypairs) ? body.batch_keypairs : []) : [body];
  return entries.map((e) => e?.server?.id).filter((id): id is string => typeof id === 'string');
}

/** Records what an answer says a bind did to one server: a task, nothing (refused, FAILED), or maybe. */
function noteBind(effect: LeaseEffect, c: Case, x: Exchange, server: string): void {
  if (!x.response) {
    effect.maybe = true; // no answer: the bind may have happened
    return;
  }
  if (!isSuccess(x.response)) return; // refused: changes nothing (RULES.md, State)
  // The documented success of either bind, as the target sent it.
  const body = bodyObject<Kps['schemas']['AssociateKeypairResponseBody'] & Kps['schemas']['BatchAssociateKeypairResponseBody']>(x.response);
  const entry = c.operation === 'kps.batch-associate' ? (Array.isArray(body?.tasks) ? body.tasks.find((t) => t?.server_id === server) : undefined) : body;
  const status = typeof entry?.status === 'string' ? entry.status.toUpperCase() : undefined;
  if (status === 'FAILED') return;
  if (typeof entry?.task_id === 'string' && entry.task_id !== '') effect.tasks.push(entry.task_id);
  else effect.maybe = true;
}
