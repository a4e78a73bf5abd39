import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { HistoryInputError } from '../../engine/report/history/history-input-error.ts';
import { historyHtml } from '../../engine/report/history/history-html.ts';
import { historyMatrix } from '../../engine/report/history/history-matrix.ts';
import { readHistory } from '../../engine/report/history/read-history.ts';
import { UsageError } from '../usage-error.ts';

export const HISTORY_USAGE = `Usage: npx conformance history <report dir or conformance.json>... [--out FILE]

Draws one HTML page (default history.html) from several runs' reports, ordered by when each started:
the rules whose status changed between consecutive nights (newest first), the nights that reached no
verdict, and a rule × night matrix of pass, fail, warning, skipped and absent.`;

/** `npx conformance history reports/*`: the nightly runs as one page. */
export async function historyCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv);
  if (positionals.length === 0)
    throw new UsageError('conformance history: no reports named. Name report dirs written by npx conformance run, e.g. npx conformance history nightly/*.');
  let nights;
  try {
    nights = readHistory(positionals);
  } catch (error) {
    if (error instanceof HistoryInputError) throw new UsageError(`conformance history: ${error.message}`);
    throw error;
  }
  if (values.out === '') throw new UsageError('conformance history: --out is empty. Give the file to write, e.g. --out history.html.');
  const out = resolve(values.out ?? 'history.html');
  try {
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, historyHtml(historyMatrix(nights)));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new UsageError(`conformance history: ${values.out ?? 'history.html'} cannot be written (${code}). Give --out a file in a writable directory.`);
  }
  console.log(out);
  return 0;
}

function parse(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: { out: { type: 'string' } }, strict: true, allowPositionals: true });
  } catch (error) {
    throw new UsageError(`conformance history: ${(error as Error).message}. Run npx conformance history --help.`);
  }
}
