import { READING_NAMES, READINGS, type ReadingName } from './readings.ts';

/**
 * `NAME=VALUE` from `conformance mock --reading` as a reading and its value, typed as READINGS says
 * (`huaweiSuccessStatus=200` is the number 200). Throws one line naming the fix.
 */
export function readingFromFlag(text: string): [ReadingName, string | number] {
  const eq = text.indexOf('=');
  const name = eq < 0 ? text : text.slice(0, eq);
  if (eq < 0 || !(READING_NAMES as string[]).includes(name)) {
    throw new Error(`--reading ${text} is not NAME=VALUE with NAME one of ${READING_NAMES.join(', ')}. Run npx conformance mock --readings.`);
  }
  const values: readonly (string | number)[] = READINGS[name as ReadingName].values;
  const value = values.find((v) => String(v) === text.slice(eq + 1));
  if (value === undefined) throw new Error(`--reading ${text}: ${name} is one of ${values.join(', ')}.`);
  return [name as ReadingName, value];
}
