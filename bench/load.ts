import autocannon, { type RawResult } from 'autocannon';
import type { SignedShape } from './operations.ts';

export interface LoadResult {
  /** Completed requests ÷ measured seconds, over all slices. */
  readonly rps: number;
  /** 99th percentile latency over all slices, ms (autocannon's histogram keeps whole milliseconds). */
  readonly p99: number;
  readonly total: number;
  readonly non2xx: number;
  /** Connection errors and timeouts. */
  readonly errors: number;
  readonly statusCodes: Readonly<Record<string, number>>;
}

/** A target and the one signed request it gets for a whole measurement. */
export interface LoadTarget {
  readonly baseUrl: string;
  readonly request: SignedShape;
}

/** One request sent by itself, to show what a target answers before it is loaded. */
export async function preflight({ baseUrl, request }: LoadTarget): Promise<{ status: number; body: string }> {
  const response = await fetch(baseUrl + request.path, {
    method: request.method,
    headers: request.headers,
    body: request.body,
    signal: AbortSignal.timeout(10_000),
  });
  return { status: response.status, body: (await response.text()).slice(0, 300) };
}

/** Loads one target for `seconds` at `connections` closed-loop connections; the raw result, to merge. */
export function run({ baseUrl, request }: LoadTarget, seconds: number, connections: number): Promise<RawResult> {
  return autocannon({
    url: baseUrl + request.path,
    method: request.method,
    headers: request.headers,
    ...(request.body ? { body: request.body } : {}),
    connections,
    duration: seconds,
    timeout: 10,
    skipAggregateResult: true,
  });
}

/** Merges the slices of one target: one latency histogram, requests over the summed duration. */
export function combine(target: LoadTarget, slices: RawResult[], connections: number): LoadResult {
  const sum = (pick: (r: RawResult) => number) => slices.reduce((acc, r) => acc + pick(r), 0);
  const statusCodes: Record<string, number> = {};
  for (const slice of slices) {
    for (const [code, stat] of Object.entries(slice.statusCodeStats)) statusCodes[code] = (statusCodes[code] ?? 0) + stat.count;
  }
  const total = sum((r) => r.totalCompletedRequests);
  const counts = { rps: total / sum((r) => r.duration), total, non2xx: sum((r) => r.non2xx), errors: sum((r) => r.errors + r.timeouts), statusCodes };
  // Last: aggregateResult adds the later slices' status counts into the first slice's objects.
  const merged = autocannon.aggregateResult(slices, { url: target.baseUrl + target.request.path, connections });
  return { ...counts, p99: merged.latency.p99 };
}
