import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Live progress from the workers to the reporter: each worker keeps a tiny file with its count of
 * requests sent, which the reporter reads while the run goes on. A file, not stdout, so the counts do
 * not end up in the JUnit and HTML reports as test output.
 */
const PREFIX = '.progress-';

export function progressWriter(reportDir: string, cloud: string): { sent(): void; flush(): void } {
  const file = join(reportDir, `${PREFIX}${cloud}`);
  let count = 0;
  let last = 0;
  const write = () => writeFileSync(file, String(count));
  return {
    sent() {
      count++;
      const now = Date.now();
      if (now - last >= 250) {
        last = now;
        write();
      }
    },
    flush: write,
  };
}

/** The requests sent so far, per cloud, from every worker's progress file. */
export function readProgress(reportDir: string): Map<string, number> {
  const counts = new Map<string, number>();
  let files: string[];
  try {
    files = readdirSync(reportDir).filter((f) => f.startsWith(PREFIX));
  } catch {
    return counts;
  }
  for (const f of files) {
    const n = Number(readFileSync(join(reportDir, f), 'utf8'));
    if (Number.isFinite(n)) counts.set(f.slice(PREFIX.length), n);
  }
  return counts;
}
