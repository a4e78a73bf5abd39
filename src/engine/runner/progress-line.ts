/** Lines a worker writes to stdout for the reporter's live progress; the reporter does not echo them. */
export const PROGRESS_PREFIX = 'conformance-progress ';

export interface ProgressMessage {
  readonly cloud: string;
  readonly sent: number;
}

/** Writes at most a few progress lines a second, and always the last one. */
export function progressWriter(cloud: string): { sent(): void; flush(): void } {
  let count = 0;
  let last = 0;
  const write = () => process.stdout.write(`${PROGRESS_PREFIX}${JSON.stringify({ cloud, sent: count } satisfies ProgressMessage)}\n`);
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
