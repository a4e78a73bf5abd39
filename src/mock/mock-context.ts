import { SpecValidators } from '../spec/spec-validators.ts';
import type { FaultId } from './faults/fault-catalogue.ts';
import type { MockOptions } from './mock-options.ts';
import type { Readings } from './readings.ts';
import { ClientTokenStore } from './state/client-token-store.ts';
import { HuaweiState } from './state/huawei-state.ts';
import { taskDelay } from './state/task-delay.ts';
import { VolcengineState } from './state/volcengine-state.ts';

/** The OperationDetails a ClientToken's first call produced, kept for replays. */
export type AttachResult = readonly { InstanceId: string; Error: { Code: string; Message: string } | null }[];

/** Everything a handler may read or change: options, state, validators. One per running mock. */
export class MockContext {
  readonly huawei: HuaweiState;
  readonly volcengine: VolcengineState;
  readonly clientTokens: ClientTokenStore<AttachResult>;
  readonly validators = new SpecValidators();
  private readonly faults: ReadonlySet<string>;
  /** Counts AttachKeyPair calls, for the throttling fault's "every 10th". */
  attachCalls = 0;
  /** Counts every request, for the throttling mode's "every Nth". */
  private requests = 0;

  /** True when the throttling mode answers this request 429. */
  throttleNow(): boolean {
    const every = this.options.throttleEvery;
    return every > 0 && ++this.requests % every === 0;
  }

  constructor(readonly options: MockOptions) {
    this.faults = new Set(options.faults);
    this.huawei = new HuaweiState(options.fixtures, taskDelay(options.taskDelayMs, options.taskDelayMaxMs));
    this.volcengine = new VolcengineState(options.fixtures);
    this.clientTokens = new ClientTokenStore(options.clientTokens.maxEntries, options.clientTokens.ttlMs);
  }

  /** True when the mock was told to break this rule, or to break it this way (a variant fault). */
  broken(fault: FaultId): boolean {
    return this.faults.has(fault);
  }

  /** The readings this mock shows where the documents leave room. */
  get readings(): Readings {
    return this.options.readings;
  }

  now(): number {
    return this.options.now();
  }
}
