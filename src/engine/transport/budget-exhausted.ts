/** The target file's safety.maxRequests is spent: the run ends cleanly and undecided rules are skipped. */
export class BudgetExhausted extends Error {
  override readonly name = 'BudgetExhausted';
}
