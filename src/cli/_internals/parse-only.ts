import { CLOUD_LIST, isCloud, type Cloud } from '../../families/api-families.ts';
import { UsageError } from '../usage-error.ts';

/** `--only CLOUD`, checked against the families' list: undefined when not given. */
export function parseOnly(command: string, only: string | undefined): Cloud | undefined {
  if (only === undefined || isCloud(only)) return only;
  throw new UsageError(`conformance ${command}: --only ${only} is not a cloud. Use ${CLOUD_LIST}.`);
}
