import { setTimeout as sleep } from 'node:timers/promises';

/** Polls until `url` answers with any HTTP status; rejects after `timeoutMs` or when `gone()` says the server died. */
export async function waitForHttp(url: string, timeoutMs: number, gone: () => boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (gone()) throw new Error('the process exited before answering');
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      return;
    } catch (error) {
      last = String((error as Error).cause ?? error);
    }
    await sleep(200);
  }
  throw new Error(`no HTTP answer within ${timeoutMs} ms (${last})`);
}
