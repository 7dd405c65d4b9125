/** Process exit codes of the threatloom command. */
export const ExitCode = {
  /** Everything requested was done. */
  ok: 0,
  /** `verify`: the check ran and found tampering (a finding, a broken link or a log finding). */
  tampered: 1,
  /** The command line or the input was wrong; nothing else is implied. */
  usage: 2,
  /**
   * The check could not run: the database is unreachable or held by a server,
   * the model is unknown, or a key or checkpoint file cannot be used.
   */
  unavailable: 3,
} as const;

/** One of the exit codes above. */
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** A mistake in how the command was called; reported on stderr and exits with ExitCode.usage. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** The command could not do its work (ExitCode.unavailable); the message says why and what to do. */
export class UnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnavailableError';
  }
}

/**
 * Raised by a command that has already reported its failure itself (for
 * instance as JSON on stdout) and only needs the process to exit with `code`.
 */
export class ReportedFailure extends Error {
  constructor(readonly code: ExitCodeValue) {
    super(`failed with exit code ${code}`);
    this.name = 'ReportedFailure';
  }
}
