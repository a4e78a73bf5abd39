// Just the part of autocannon 8's programmatic API the bench uses (the package ships no types).
declare module 'autocannon' {
  export interface Options {
    url: string;
    method?: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
    connections?: number;
    duration?: number;
    timeout?: number;
    /** Resolve with the raw result (encoded histograms), to merge several runs with aggregateResult. */
    skipAggregateResult?: boolean;
  }
  /** One run's raw result (skipAggregateResult: true). */
  export interface RawResult {
    totalCompletedRequests: number;
    /** Seconds, two decimals. */
    duration: number;
    errors: number;
    timeouts: number;
    non2xx: number;
    statusCodeStats: Record<string, { count: number }>;
  }
  export interface Result {
    latency: { average: number; p50: number; p99: number; max: number };
    requests: { average: number; total: number; sent: number };
  }
  function autocannon(options: Options & { skipAggregateResult: true }): Promise<RawResult>;
  function autocannon(options: Options): Promise<Result>;
  namespace autocannon {
    /** Merges raw results: histograms added, so percentiles cover all runs. */
    function aggregateResult(results: RawResult[], options: { url: string; connections?: number }): Result;
  }
  export default autocannon;
}
