import { isClientRule, type RuleId } from '../../rules/rules.ts';
import { ALL_FAULTS, FAULTS, VARIANT_FAULTS, type FaultId } from './fault-catalogue.ts';

/** Refuses a fault id the mock does not know, with one line that names the fix. */
export function checkFaultIds(faults: readonly string[]): FaultId[] {
  for (const fault of faults) {
    if ((ALL_FAULTS as readonly string[]).includes(fault)) continue;
    const [rule, variant] = fault.split(':', 2) as [string, string | undefined];
    if (isClientRule(rule)) {
      throw new Error(`startMock: fault "${fault}" names a client rule, which a server cannot break. Run npx conformance mock --faults for the list.`);
    }
    if (variant !== undefined && rule in FAULTS) {
      const variants = Object.keys(VARIANT_FAULTS).filter((v) => v.startsWith(`${rule}:`));
      const known = variants.length > 0 ? `its variants: ${variants.join(', ')}` : `it has none; use ${rule} alone`;
      throw new Error(`startMock: fault "${fault}" is not a variant of ${rule as RuleId} (${known}).`);
    }
    throw new Error(
      `startMock: fault "${fault}" is not a rule id of docs/RULES.md nor a RULE-ID:NAME variant. Run npx conformance mock --faults for the list.`,
    );
  }
  return faults as FaultId[];
}
