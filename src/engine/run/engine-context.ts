import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import { SpecValidators } from '../../spec/spec-validators.ts';
import type { Case } from '../cases/case.ts';
import { checkContext, type CheckContext } from '../checks/check.ts';
import type { Exchange } from '../transport/exchange.ts';
import type { ResolvedTarget } from '../target/resolved-target.ts';
import { HttpTransport } from '../transport/http-transport.ts';
import { SdkTransport } from '../transport/sdk-transport.ts';
import type { ClientUnderTest } from '../transport/clients/client-under-test.ts';
import { RuleTally } from '../verdicts/rule-tally.ts';
import { ChangeLedger } from './restore/change-ledger.ts';

/**
 * A run goes in two passes. `decide` sends every fixed case and the first few cases of each property and
 * sequence, so each rule is decided once; `explore` then spends what is left of the budget on the rest
 * of the generated cases. A budget spent during `explore` leaves every rule decided.
 */
export type RunPass = 'decide' | 'explore';

/** How a run is asked to go (CLI flags, passed to the workers through the environment). */
export interface RunSettings {
  /** SDK mode (`npx conformance sdk`): the checked operations go through this client (adapter or harness). */
  readonly client?: ClientUnderTest;
  /** SDK mode: how long one call may take before the client is called hung (ms). */
  readonly caseTimeoutMs?: number;
  /** SDK mode: hears what the client printed, redacted. */
  readonly onClientOutput?: (redacted: string) => void;
  /** Called with every exchange of the run (`--record`). */
  readonly observe?: (c: Case, x: Exchange) => void;
  /** Undo the run's changes at the end (default true; the embedded mock is thrown away instead). */
  readonly restore?: boolean;
  readonly seed: number;
  /** Generated cases per property. */
  readonly runs: number;
  /**
   * Fidelity runs: every property sends all its cases and none is shrunk, so two targets given the same
   * seed get the same cases in the same order whatever they answer.
   */
  readonly exhaustive?: boolean;
  /** The run's nonce (default random); a fidelity run gives both targets the same, so their requests match. */
  readonly nonce?: string;
  /** True once the run is interrupted (the CLI was sent Ctrl-C or SIGTERM): stop sending, then restore. */
  readonly interrupted?: () => boolean;
  /**
   * How many of the plan's independent parts run at once (default DEFAULT_CONCURRENCY; 1 runs the plan
   * serially). The verdicts are the same either way: only parts whose predictions do not depend on each
   * other's answers overlap. A fidelity (exhaustive) run and plan mode keep the plan's parts in order.
   */
  readonly concurrency?: number;
}

/** Parts of a plan run at once unless RunSettings.concurrency says otherwise. */
/**
 * Serial unless asked: one broken world (a gateway throttling every 3rd request) gave a parallel run a
 * false failure (ecs.auth.bad-signature) that the serial run does not give; `--concurrency N` opts in.
 */
export const DEFAULT_CONCURRENCY = 1;

/** Explore-pass work queued while deciding, tagged with the lane that queued it. */
interface QueuedJob {
  readonly lane: symbol;
  readonly job: () => Promise<void>;
}

/** The lane of work queued outside any `lanes` part. */
const MAIN_LANE = Symbol('main');

/** Everything one cloud's plan needs: the target, the transport, the validators, the tally. */
export class EngineContext {
  readonly validators = new SpecValidators();
  readonly tally = new RuleTally();
  readonly transport: HttpTransport;
  /** Makes ClientTokens unique per run, so a replayed seed against a long-lived target is not a replay. */
  readonly nonce: string;
  private counter = 0;
  /** What the run changed on the target, for leases and the final restore. */
  readonly ledger: ChangeLedger;
  pass: RunPass = 'decide';
  /** The explore pass: the rest of each property and sequence, queued while deciding. */
  private readonly explore: QueuedJob[] = [];
  /** The lane (a part of the plan run by `lanes`) the current code runs in. */
  private readonly lane = new AsyncLocalStorage<symbol>();
  /** Set when one lane of a parallel plan threw: every other lane stops at its next request. */
  private abortedBy: { error: unknown } | undefined;
  private readonly abortListeners: ((error: unknown) => void)[] = [];
  /** The longest a followed bind task took to end on this target (ms): how long a later effect may lag. */
  longestTaskMs = 0;
  private readonly exchangeListeners: ((c: Case, x: Exchange) => void)[] = [];

  /** Calls `listener` with every exchange: a plan learns what its requests did; `plan` lists them. */
  onExchange(listener: (c: Case, x: Exchange) => void): void {
    this.exchangeListeners.push(listener);
  }

  exchanged(c: Case, x: Exchange): void {
    for (const listener of this.exchangeListeners) listener(c, x);
  }

  constructor(
    readonly target: ResolvedTarget,
    readonly settings: RunSettings,
    onSend: () => void = () => {},
    /** Plan mode: cases are built and handed to onExchange, nothing is sent or judged. */
    readonly dryRun = false,
  ) {
    this.nonce = settings.nonce ?? randomBytes(4).toString('hex');
    this.ledger = new ChangeLedger(target);
    this.transport = new HttpTransport(target.safety, onSend, dryRun, settings.interrupted);
    this.sdk = settings.client
      ? new SdkTransport(settings.client, target, onSend, { caseTimeoutMs: settings.caseTimeoutMs, onOutput: settings.onClientOutput })
      : undefined;
  }

  /** Set in SDK mode: sends the checked operations through the SDK under test. */
  readonly sdk: SdkTransport | undefined;

  private checks?: CheckContext;

  /** What the checks judge by: the validators and the few facts of the target they need, taken once. */
  get checkContext(): CheckContext {
    this.checks ??= checkContext(this.validators, this.target);
    return this.checks;
  }

  /** Parts of the plan at most this many at once (1: serially). */
  get concurrency(): number {
    return Math.max(1, Math.floor(this.settings.concurrency ?? DEFAULT_CONCURRENCY));
  }

  /**
   * True when `lanes` runs its parts at once. Not in a fidelity run (exhaustive), whose two sides must
   * send the same cases in the same order, nor in plan mode, which lists the cases in the order sent,
   * nor with a client under test: a harness takes one case at a time (docs/harness-protocol.md), and what
   * a client prints is judged per call, which calls at once would mix up.
   */
  get parallel(): boolean {
    return this.concurrency > 1 && !this.settings.exhaustive && !this.dryRun && this.settings.client === undefined;
  }

  /**
   * Runs independent parts of the plan: at once when `parallel`, else one after another in the order
   * given. A part is independent when no prediction of its cases depends on what another part's cases
   * did. Explore work a part queues (`later`) runs in that part's lane: after what the same lane queued
   * before it, beside what other lanes queued. Waits for every part; when one throws (a spent budget, a
   * target that stopped answering) the others stop at their next request, and the first error is rethrown.
   */
  async lanes(parts: readonly (() => Promise<unknown>)[]): Promise<void> {
    if (!this.parallel) {
      for (const part of parts) await this.lane.run(this.lane.getStore() ?? Symbol('lane'), part);
      return;
    }
    const results = await Promise.allSettled(
      parts.map((part) =>
        this.lane.run(Symbol('lane'), async () => {
          try {
            await part();
          } catch (error) {
            this.abort(error);
            throw error;
          }
        }),
      ),
    );
    if (this.abortedBy) throw this.abortedBy.error;
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }

  /** Stops every lane: requests and leases after this throw `error` (until `clearAbort`, for the restore). */
  abort(error: unknown): void {
    if (this.abortedBy) return;
    this.abortedBy = { error };
    for (const listener of this.abortListeners) listener(error);
  }

  /** Hears when a parallel plan stops (the server pool fails its waiting leases). */
  onAbort(listener: (error: unknown) => void): void {
    this.abortListeners.push(listener);
  }

  /** Throws the error that stopped a parallel plan, if one did. */
  throwIfAborted(): void {
    if (this.abortedBy) throw this.abortedBy.error;
  }

  /** The plan is over: the final restore may send again. */
  clearAbort(): void {
    this.abortedBy = undefined;
  }

  /** Queues work for the explore pass (called while deciding), in the current lane. */
  later(job: () => Promise<void>): void {
    this.explore.push({ lane: this.lane.getStore() ?? MAIN_LANE, job });
  }

  /**
   * Runs the explore pass: what the decide pass queued. Serially, in the order it was queued; in
   * parallel, each lane's work in its order, lanes side by side.
   */
  async runExplorePass(): Promise<void> {
    this.pass = 'explore';
    const queued = this.explore.splice(0);
    if (!this.parallel) {
      for (const { job } of queued) await job();
      return;
    }
    const byLane = new Map<symbol, (() => Promise<void>)[]>();
    for (const { lane, job } of queued) byLane.set(lane, [...(byLane.get(lane) ?? []), job]);
    await this.lanes(
      [...byLane.values()].map((jobs) => async () => {
        for (const job of jobs) await job();
      }),
    );
  }

  /** False when the target file says `safety.allowMutations: false`: only documented refusals are sent. */
  get mutationsAllowed(): boolean {
    return this.target.safety.allowMutations;
  }

  noteTaskDuration(ms: number): void {
    this.longestTaskMs = Math.max(this.longestTaskMs, ms);
  }

  /**
   * How long an effect a bind may have had can take to show (a bind takes effect when its task ends):
   * twice the longest task seen on this target, within huaweicloud.taskTimeoutMs.
   */
  effectLagMs(): number {
    return Math.min(this.target.huaweicloud?.taskTimeoutMs ?? 0, Math.max(50, 2 * this.longestTaskMs));
  }

  /** A value unique in this run: `<nonce><n>`. */
  unique(): string {
    return `${this.nonce}${(this.counter++).toString(36)}`;
  }
}
