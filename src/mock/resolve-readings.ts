import { DEFAULT_READINGS, READING_NAMES, READINGS, type ReadingName, type Readings } from './readings.ts';

/** The readings that were top-level options before `readings` existed; still accepted, as aliases. */
const ALIASES = ['huaweiSuccessStatus', 'batchFailedStatus'] as const satisfies readonly ReadingName[];

/**
 * The readings a mock starts with: each given one checked against READINGS, the rest their defaults.
 * The old top-level `huaweiSuccessStatus` / `batchFailedStatus` options count as readings; given both
 * ways with different values, the start is refused rather than one silently winning.
 */
export function resolveReadings(given: Readonly<Record<string, unknown>> = {}, aliases: Readonly<Record<string, unknown>> = {}): Readings {
  const chosen: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(given)) {
    if (value === undefined) continue;
    if (!(READING_NAMES as string[]).includes(name)) {
      throw new Error(`startMock: "${name}" is not a reading. Readings: ${READING_NAMES.join(', ')} (npx conformance mock --readings).`);
    }
    chosen[name] = checked(name as ReadingName, value);
  }
  for (const name of ALIASES) {
    const value = aliases[name];
    if (value === undefined) continue;
    const alias = checked(name, value);
    if (chosen[name] !== undefined && chosen[name] !== alias) {
      throw new Error(`startMock: ${name} ${alias} and readings.${name} ${chosen[name]} disagree. Give readings.${name} alone.`);
    }
    chosen[name] = alias;
  }
  return { ...DEFAULT_READINGS, ...chosen } as Readings;
}

function checked(name: ReadingName, value: unknown): unknown {
  const allowed: readonly unknown[] = READINGS[name].values;
  if (!allowed.includes(value)) throw new Error(`startMock: reading ${name} ${String(value)} is not one of ${allowed.join(', ')}.`);
  return value;
}
