import type { IncomingHttpHeaders } from 'node:http';

/** A request as the mock's handlers see it: read whole, never streamed. */
export interface MockRequest {
  readonly method: string;
  /** The request-target exactly as received (`/v3/…?a=b`), which signatures cover. */
  readonly target: string;
  readonly path: string;
  /** Query parameters in the order received, percent-decoded. */
  readonly query: readonly [string, string][];
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

/** A response a handler decided on; `body` is sent as JSON unless `rawBody` is given. */
export interface MockResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: unknown;
  readonly rawBody?: string;
}
