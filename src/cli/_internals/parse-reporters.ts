import { REPORTER_NAMES, type ReporterName } from '../../engine/report/ci-reports.ts';
import { UsageError } from '../usage-error.ts';

/** `--reporter github,sarif`: the CI reports to add; an unknown name is one line naming the choices. */
export function parseReporters(command: string, text: string | undefined): ReporterName[] {
  if (text === undefined) return [];
  const names = text
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  const unknown = names.find((n) => !(REPORTER_NAMES as readonly string[]).includes(n));
  if (unknown !== undefined || names.length === 0) {
    throw new UsageError(
      `conformance ${command}: --reporter ${text} names ${unknown === undefined ? 'nothing' : `an unknown reporter "${unknown}"`}. Use one or more of ${REPORTER_NAMES.join(', ')}, comma-separated.`,
    );
  }
  return names as ReporterName[];
}
