import type { Case } from '../../cases/case.ts';
import type { HuaweiTarget } from '../../target/resolved-target.ts';
import type { Exchange } from '../../transport/exchange.ts';

/**
 * What the suite knows of each Huawei server during a run (RULES.md, State): a fixture server listed as
 * running and unbound stays "fresh" until the suite binds it; after that its state is the suite's own
 * doing, known again only once the bind's task is terminal. Predictions are made only from knowledge.
 */
export class ServerPool {
  private readonly fresh: string[];
  /** Servers the suite bound, whose task may not be terminal: state unknown. */
  readonly touched: string[] = [];
  /** Servers the suite bound and saw the task end in SUCCESS_*: bound. */
  readonly suiteBound: string[] = [];
  /** Servers an invalid request was accepted for: whatever it did, their state is no longer known. */
  private readonly tainted = new Set<string>();

  constructor(private readonly target: HuaweiTarget) {
    this.fresh = [...target.fixtures.servers.running];
  }

  get freshLeft(): number {
    return this.fresh.length;
  }

  /** A running, unbound server nobody has touched, now marked touched; undefined when none is left. */
  takeFresh(): string | undefined {
    const id = this.fresh.shift();
    if (id !== undefined) this.touched.push(id);
    return id;
  }

  get bound(): readonly string[] {
    return this.target.fixtures.servers.bound.filter((s) => !this.tainted.has(s));
  }

  get stopped(): readonly string[] {
    return this.target.fixtures.servers.stopped.filter((s) => !this.tainted.has(s));
  }

  /**
   * Learns from an exchange: a request that should have been rejected but was accepted (2xx) may have
   * changed its servers in ways the documents do not describe, so they leave the known lists.
   */
  observe(c: Case, x: Exchange): void {
    const status = x.response?.status ?? 0;
    if (c.expect.kind !== 'reject' || status < 200 || status >= 300) return;
    const body = c.request.body as any;
    const entries: any[] = c.operation === 'kps.batch-associate' ? (Array.isArray(body?.batch_keypairs) ? body.batch_keypairs : []) : [body];
    for (const e of entries) if (typeof e?.server?.id === 'string') this.tainted.add(e.server.id);
  }

  /**
   * A running server to bind with AssociateKeypair, which may bind a server again (replace or reset):
   * a fixture bound server first, then one the suite touched, and only then a fresh one.
   */
  runningForAssociate(index: number): string | undefined {
    const reusable = [...this.bound, ...this.touched];
    if (reusable.length > 0) return reusable[index % reusable.length];
    return this.takeFresh();
  }

  markSuiteBound(id: string): void {
    if (!this.suiteBound.includes(id)) this.suiteBound.push(id);
  }
}
