import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTargetFile } from '../target/load-target-file.ts';
import type { ResolvedTarget } from '../target/resolved-target.ts';
import type { Cassette } from './cassette.ts';

/** The credential variables a target file names (its auth.*Env members). */
export function credentialVariables(targetDocument: unknown): string[] {
  return [...JSON.stringify(targetDocument).matchAll(/"(?:akEnv|skEnv|tokenEnv|securityTokenEnv)":"([^"]+)"/g)].map((m) => m[1]!);
}

/** A cassette's target, its credential variables filled with placeholders: nothing is sent to it. */
export function offlineTarget(cassette: Cassette, purpose: string): ResolvedTarget {
  const file = join(tmpdir(), `conformance-${purpose}-${process.pid}-${cassette.cloud}.json`);
  writeFileSync(file, JSON.stringify(cassette.target));
  return loadTargetFile(file, Object.fromEntries(credentialVariables(cassette.target).map((name) => [name, 'offline-placeholder'])));
}
