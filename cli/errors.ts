/** An error the CLI reports as one line on stderr with its own exit code (2: bad input). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = 2,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
