import type { Exchange, ReceivedResponse } from '../transport/exchange.ts';
import type { CassetteEntry } from './cassette.ts';

/** A recorded exchange as the checks judge it: the request as sent, the answer, the 429s backed off from. */
export function entryExchange(e: CassetteEntry): Exchange {
  return {
    request: { method: e.method, url: e.scope + e.path, headers: {}, ...(e.body !== undefined ? { body: e.body } : {}) },
    response: received(e.status, e.response, e.rawHeaders),
    throttled: (e.throttled ?? []).map((t) => received(t.status, t.response, t.rawHeaders)),
    ms: 0,
  };
}

/** A recorded answer: the body as JSON when it was JSON, else as text. */
function received(status: number, body: unknown, rawHeaders: readonly string[]): ReceivedResponse {
  const headers: Record<string, string> = {};
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) headers[rawHeaders[i]!.toLowerCase()] = rawHeaders[i + 1]!;
  return { status, headers, text: typeof body === 'string' ? body : JSON.stringify(body), json: typeof body === 'string' ? undefined : body };
}
