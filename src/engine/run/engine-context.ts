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
}

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
  private readonly explore: (() => Promise<void>)[] = [];
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

  /** Queues work for the explore pass (called while deciding). */
  later(job: () => Promise<void>): void {
    this.explore.push(job);
  }

  /** Runs the explore pass: what the decide pass queued, in the order it was queued. */
  async runExplorePass(): Promise<void> {
    this.pass = 'explore';
    for (const job of this.explore.splice(0)) await job();
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
