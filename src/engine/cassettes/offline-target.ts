import { resolveTargetDocument } from '../target/load-target-file.ts';
import type { ResolvedTarget } from '../target/resolved-target.ts';
import type { Cassette } from './cassette.ts';

/** The credential variables a target file names (its auth.*Env members). */
export function credentialVariables(targetDocument: unknown): string[] {
  return [...JSON.stringify(targetDocument).matchAll(/"(?:akEnv|skEnv|tokenEnv|securityTokenEnv)":"([^"]+)"/g)].map((m) => m[1]!);
}

/** A cassette's target, its credential variables filled with placeholders: nothing is sent to it. */
export function offlineTarget(cassette: Cassette, purpose: string): ResolvedTarget {
  const placeholders = Object.fromEntries(credentialVariables(cassette.target).map((name) => [name, 'offline-placeholder']));
  return resolveTargetDocument(cassette.target, `(the target of the ${purpose} cassette ${cassette.cloud}.cassette.json)`, placeholders);
}
