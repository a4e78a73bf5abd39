import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Case } from '../cases/case.ts';
import { redact } from '../target/redact.ts';
import type { ResolvedTarget } from '../target/resolved-target.ts';
import type { Exchange } from '../transport/exchange.ts';
import type { Cassette, CassetteEntry, UnansweredEntry } from './cassette.ts';

/** Records a cloud's exchanges; `write` saves them as `<dir>/<cloud>.cassette.json`, secrets removed. */
export class CassetteRecorder {
  private readonly entries: CassetteEntry[] = [];
  private readonly unanswered: UnansweredEntry[] = [];

  constructor(
    private readonly dir: string,
    private readonly cloud: string,
    private readonly target: ResolvedTarget,
  ) {}

  record(c: Case, x: Exchange): void {
    if (x.notSent) return;
    if (!x.response) {
      this.unanswered.push({ at: this.entries.length, case: asRecorded(c), error: x.error ?? 'no HTTP answer' });
      return;
    }
    const url = new URL(x.request.url);
    const json = x.response.json;
    this.entries.push({
      scope: url.origin,
      method: x.request.method,
      path: url.pathname + url.search,
      ...(x.request.body !== undefined ? { body: x.request.body } : {}),
      status: x.response.status,
      response: json !== undefined ? json : x.response.text,
      rawHeaders: Object.entries(x.response.headers).flat(),
      ...(x.throttled.length > 0
        ? {
            throttled: x.throttled.map((t) => ({
              status: t.status,
              response: t.json !== undefined ? t.json : t.text,
              rawHeaders: Object.entries(t.headers).flat(),
            })),
          }
        : {}),
      case: asRecorded(c),
    });
  }

  /** The cassette as it would be written, secrets removed. */
  cassette(run: { seed: number; runs?: number; nonce?: string; exhaustive?: boolean }): Cassette {
    const cassette: Cassette = {
      tool: 'keypair-conformance-cassette',
      cloud: this.cloud,
      recordedAt: new Date().toISOString(),
      ...run,
      // The target file as written: credentials appear in it only as environment variable names.
      target: this.target.document,
      exchanges: this.entries,
      ...(this.unanswered.length > 0 ? { unanswered: this.unanswered } : {}),
    };
    return redact(cassette, this.target.secrets);
  }

  write(run: { seed: number; runs?: number; nonce?: string; exhaustive?: boolean }): string {
    mkdirSync(this.dir, { recursive: true });
    const file = join(this.dir, `${this.cloud}.cassette.json`);
    writeFileSync(file, `${JSON.stringify(this.cassette(run), null, 1)}\n`);
    return file;
  }
}

/** JSON has no undefined: a dropped Action/Version is kept as null, which the checks read as absent. */
function asRecorded(c: Case): Case {
  return c.request.fixed
    ? ({ ...c, request: { ...c.request, fixed: Object.fromEntries(Object.entries(c.request.fixed).map(([k, v]) => [k, v ?? null])) } } as Case)
    : c;
}
