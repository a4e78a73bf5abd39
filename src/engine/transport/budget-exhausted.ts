/** The target file's safety.maxRequests is spent: the run ends cleanly and undecided rules are skipped. */
export class BudgetExhausted extends Error {
  override readonly name: string = 'BudgetExhausted';
}

/** The target stopped answering (several requests in a row got no HTTP answer): the run ends early. */
export class TargetUnreachable extends BudgetExhausted {
  override readonly name = 'TargetUnreachable';
}

/** The run was interrupted (Ctrl-C, SIGTERM): no more requests; what the run changed is still restored. */
export class RunInterrupted extends BudgetExhausted {
  override readonly name = 'RunInterrupted';
}
