import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Where the vendor documents live: `shared/seeds/` beside the clone, as CI and the team have it. */
export const SEEDS_DIR = fileURLToPath(new URL('../../../shared/seeds/', import.meta.url));

export function seedsPresent(): boolean {
  return existsSync(SEEDS_DIR);
}

export function readSeeds(): { file: string; text: string }[] {
  return readdirSync(SEEDS_DIR)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((file) => ({ file, text: readFileSync(SEEDS_DIR + file, 'utf8') }));
}

/**
 * Every JSON object written in a document: each `{` that starts a balanced, parseable JSON text. Code
 * samples in the pages contain braces too; they do not parse and are passed over.
 */
export function jsonObjectsIn(text: string): unknown[] {
  const found: unknown[] = [];
  let i = 0;
  while ((i = text.indexOf('{', i)) !== -1) {
    const end = balancedEnd(text, i);
    if (end !== -1) {
      try {
        const value: unknown = JSON.parse(text.slice(i, end + 1));
        // `{}` is Go's empty composite literal in the SDK samples (`&model.AssociateKeypairRequest{}`).
        if (Object.keys(value as object).length > 0) found.push(value);
        i = end + 1;
        continue;
      } catch {
        // not JSON: a code block or prose
      }
    }
    i += 1;
  }
  return found;
}

function balancedEnd(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let j = start; j < text.length; j++) {
    const c = text[j];
    if (inString) {
      if (c === '\\') j++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return j;
  }
  return -1;
}

/** The raw RPC request lines of a document, e.g. `GET /?Action=AttachKeyPair&… HTTP/1.1`. */
export function rpcRequestLinesIn(text: string): string[] {
  return [...text.matchAll(/^GET (\/\?\S+) HTTP\/1\.1$/gm)].map((m) => m[0]);
}
