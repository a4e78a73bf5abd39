import { hmacSha256 } from './hashing.ts';

/**
 * Derived keys of recent (secret key, day, region, service) tuples: a verifier under load derives the
 * same key for every request of a day, and four HMACs are a third of its work. Small and bounded; the
 * map holds derived keys only as long as the process, which already holds the secret keys themselves.
 */
const recent = new Map<string, Buffer>();
const MAX_CACHED = 64;

/** kSigning = HMAC(HMAC(HMAC(HMAC(SK, yyyymmdd), region), service), "request"). */
export function volcengineSigningKey(secretKey: string, day: string, region: string, service: string): Buffer {
  const id = `${secretKey}\n${day}\n${region}\n${service}`;
  let key = recent.get(id);
  if (!key) {
    key = hmacSha256(hmacSha256(hmacSha256(hmacSha256(secretKey, day), region), service), 'request');
    if (recent.size >= MAX_CACHED) recent.clear();
    recent.set(id, key);
  }
  return key;
}
