/** A history input that is not a report: the CLI prints the message as one line and exits 2. */
export class HistoryInputError extends Error {
  override readonly name = 'HistoryInputError';
}
