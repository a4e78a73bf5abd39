import type { Exchange, ReceivedResponse } from './exchange.ts';

/** Short, printable form of an answer for `Received:` lines. */
export function describeAnswer(x: Exchange): string {
  if (!x.response) return `no HTTP answer (${x.error})`;
  const body = x.response.text.length > 300 ? `${x.response.text.slice(0, 300)}…` : x.response.text;
  return `${x.response.status} ${body}`;
}

export const isSuccess = (r: ReceivedResponse | undefined): r is ReceivedResponse => !!r && r.status >= 200 && r.status < 300;

/** The body as an object, or undefined when it is not a JSON object. */
export function bodyObject(r: ReceivedResponse | undefined): Record<string, any> | undefined {
  const j = r?.json;
  return j !== null && typeof j === 'object' && !Array.isArray(j) ? (j as Record<string, any>) : undefined;
}
