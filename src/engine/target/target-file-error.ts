/** A target file that cannot be used: the CLI prints the message as one line and exits 2. */
export class TargetFileError extends Error {
  override readonly name = 'TargetFileError';
}
