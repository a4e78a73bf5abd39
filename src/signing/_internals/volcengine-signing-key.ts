import { hmacSha256 } from './hashing.ts';

/** kSigning = HMAC(HMAC(HMAC(HMAC(SK, yyyymmdd), region), service), "request"). */
export function volcengineSigningKey(secretKey: string, day: string, region: string, service: string): Buffer {
  return hmacSha256(hmacSha256(hmacSha256(hmacSha256(secretKey, day), region), service), 'request');
}
