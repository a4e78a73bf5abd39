import type { RuleId } from '../../rules/rules.ts';

/**
 * A rule the target broke, as a check found it. Failures read the same everywhere: a fixed title, then
 * what was received and what the documents say.
 */
export class ContractFailure extends Error {
  override readonly name = 'ContractFailure';

  constructor(
    readonly rule: RuleId,
    readonly title: string,
    readonly received: string,
    readonly documented: string,
  ) {
    super(`${title}\nReceived: ${received}\nDocumented: ${documented}`);
  }
}
