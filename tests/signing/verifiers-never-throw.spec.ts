import { test, expect } from '@playwright/test';
import fc from 'fast-check';
import { verifyHuaweiSignature, verifyVolcengineSignature } from '../../src/signing/index.ts';
import type { ReceivedRequest } from '../../src/signing/index.ts';

// Near-misses of both Authorization shapes, so the fuzzing reaches past the first parse.
const authorizationArb = fc.oneof(
  fc.string(),
  fc
    .tuple(
      fc.constantFrom('SDK-HMAC-SHA256', 'HMAC-SHA256', ''),
      fc.array(fc.tuple(fc.constantFrom('Access', 'Credential', 'SignedHeaders', 'Signature', ''), fc.string()), { maxLength: 4 }),
    )
    .map(([alg, params]) => `${alg} ${params.map(([k, v]) => `${k}=${v}`).join(', ')}`),
  fc.stringMatching(/^[0-9a-f]{64}$/).map((s) => `HMAC-SHA256 Credential=AK/20240101/r/s/request, SignedHeaders=host;x-date, Signature=${s}`),
);

const garbageArb = fc.record({
  method: fc.oneof(fc.string(), fc.anything()),
  target: fc.oneof(fc.string(), fc.webPath(), fc.anything()),
  headers: fc.oneof(
    fc.anything(),
    fc.record({
      authorization: fc.oneof(authorizationArb, fc.array(fc.string())),
      'x-sdk-date': fc.constantFrom('20240101T000000Z', '2024', '20241399T999999Z', ''),
      'x-date': fc.constantFrom('20240101T000000Z', 'x'),
      host: fc.string(),
    }),
  ),
  body: fc.oneof(fc.string(), fc.uint8Array(), fc.anything()),
});

const options = { lookupSecretKey: () => 'sk', now: () => new Date('2024-01-01T00:05:00Z') };

test('both verifiers return a typed result, never throw, on garbage', () => {
  fc.assert(
    fc.property(garbageArb, (garbage) => {
      // Arrange
      const request = garbage as unknown as ReceivedRequest;
      // Act
      const results = [verifyHuaweiSignature(request, options), verifyVolcengineSignature(request, options)];
      // Assert
      for (const result of results) {
        if (result.ok) throw new Error('garbage verified');
        expect(['missing', 'malformed', 'unknown-access-key', 'stale-date', 'bad-signature']).toContain(result.reason);
        expect(typeof result.detail).toBe('string');
      }
    }),
    { seed: 20261122, numRuns: 300 },
  );
});
