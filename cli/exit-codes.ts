/** The goldsmith command's exit codes, listed in `--help`. */
export const ExitCode = {
  Ok: 0,
  /** The work ran and failed: a release failed, a check did not pass. */
  Failed: 1,
  /** Bad input: an unknown command or option, an invalid config, an unknown pipeline. Nothing was changed. */
  Usage: 2,
  /** The local cloud or AWS could not be reached. */
  Unreachable: 3,
} as const;

export const EXIT_CODES_HELP = `
Exit codes:
  0  success
  1  the work ran and failed (e.g. a release ended FAILED)
  2  bad input: unknown command or option, invalid config, unknown pipeline (nothing was changed)
  3  the local cloud or AWS could not be reached`;

/** An error the CLI reports in one line, with its exit code, and no stack trace. */
export class CliError extends Error {
  readonly exitCode: number;

  constructor(message: string, exitCode: number = ExitCode.Usage) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}
