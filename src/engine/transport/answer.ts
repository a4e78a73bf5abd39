import type { Exchange, ReceivedResponse } from './exchange.ts';

/** Short, printable form of an answer for `Received:` lines. */
export function describeAnswer(x: Exchange): string {
  if (!x.response) return `no HTTP answer (${x.error})`;
  const body = x.response.text.length > 300 ? `${x.response.text.slice(0, 300)}…` : x.response.text;
  return `${x.response.status} ${body}`;
}

export const isSuccess = (r: ReceivedResponse | undefined): r is ReceivedResponse => !!r && r.status >= 200 && r.status < 300;

/**
 * The body as an object, or undefined when it is not a JSON object. `T` is the documented body the caller
 * reads it as (a type of generated/): the target may have sent another shape, so its members are read
 * through `?.` and what is iterated is tested first.
 */
export function bodyObject<T extends object = Record<string, unknown>>(r: ReceivedResponse | undefined): Partial<T> | undefined {
  const j = r?.json;
  return j !== null && typeof j === 'object' && !Array.isArray(j) ? (j as Partial<T>) : undefined;
}
