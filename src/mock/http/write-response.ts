import type { ServerResponse } from 'node:http';
import type { MockResponse } from './mock-exchange.ts';

/** Writes a handler's decision: JSON by default, with the length set so clients can keep the connection. */
export function writeResponse(res: ServerResponse, response: MockResponse, closeAfter = false): void {
  const text = response.rawBody ?? (response.body === undefined ? '' : JSON.stringify(response.body));
  const headers: Record<string, string | number> = {
    'Content-Type': 'application/json;charset=UTF-8',
    ...response.headers,
    'Content-Length': Buffer.byteLength(text),
  };
  if (closeAfter) headers.Connection = 'close';
  res.writeHead(response.status, headers);
  res.end(text);
}
