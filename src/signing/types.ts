/** Header values as callers and node:http hold them; names are case-insensitive. */
export type HeaderInput = Readonly<Record<string, string | number | readonly string[] | undefined>>;

/** A request before signing; `url` carries scheme, host, path and query. */
export interface RequestToSign {
  readonly method: string;
  readonly url: string | URL;
  readonly headers?: HeaderInput;
  /** Strings are sent as UTF-8. */
  readonly body?: string | Uint8Array;
}

/**
 * What to send. The signature covers exactly this URL (its query rewritten in canonical form, so no
 * client can re-encode it differently), these headers (plus Host from the URL) and these body bytes.
 */
export interface SignedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: Uint8Array | undefined;
  /** Kept for failure evidence: the exact text that was hashed. */
  readonly canonicalRequest: string;
  readonly stringToSign: string;
}

/** A request as a server received it. `target` is the request-target, e.g. node:http's `req.url`. */
export interface ReceivedRequest {
  readonly method: string;
  readonly target: string;
  readonly headers: HeaderInput;
  readonly body?: string | Uint8Array;
}

export type VerificationFailureReason = 'missing' | 'malformed' | 'unknown-access-key' | 'stale-date' | 'bad-signature';

export interface VerificationFailure {
  readonly ok: false;
  readonly reason: VerificationFailureReason;
  readonly detail: string;
}

export interface VerifyOptions {
  /** The secret key of an access key, or undefined when the key is unknown. */
  readonly lookupSecretKey: (accessKey: string) => string | undefined;
  /** The server's clock; default `() => new Date()`. */
  readonly now?: () => Date;
  /** Largest accepted distance between the request date and `now`; default 15 minutes, as both gateways. */
  readonly maxSkewMs?: number;
}
