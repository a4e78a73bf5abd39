/** What the mock remembers of a request made with a ClientToken. */
export type TokenEntry<T> =
  | { readonly state: 'processing'; readonly fingerprint: string; readonly expiresAt: number }
  | { readonly state: 'done'; readonly fingerprint: string; readonly expiresAt: number; readonly result: T };

/**
 * ClientToken memory with bounded size: at most `maxEntries` tokens (least recently used dropped first),
 * each forgotten `ttlMs` after it was stored. A forgotten token is new again, as after the cloud's own
 * idempotency window.
 */
export class ClientTokenStore<T> {
  private readonly entries = new Map<string, TokenEntry<T>>();

  constructor(
    private readonly maxEntries: number,
    private readonly ttlMs: number,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: string, now: number): TokenEntry<T> | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= now) {
      this.entries.delete(key);
      return undefined;
    }
    // Map order is recency order: move the entry to the end.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry;
  }

  startProcessing(key: string, fingerprint: string, now: number): void {
    this.put(key, { state: 'processing', fingerprint, expiresAt: now + this.ttlMs });
  }

  finish(key: string, fingerprint: string, result: T, now: number): void {
    this.put(key, { state: 'done', fingerprint, result, expiresAt: now + this.ttlMs });
  }

  forget(key: string): void {
    this.entries.delete(key);
  }

  private put(key: string, entry: TokenEntry<T>): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }
}
