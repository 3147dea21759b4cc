/** Documented exit codes (README "Exit codes"). */
export const ExitCode = {
  /** The command did what was asked. */
  Success: 0,
  /** The query has syntax or semantic errors (or, for `test`/`diff`, a check failed). */
  QueryError: 1,
  /** Bad usage, unreadable input, or a malformed record under --strict. */
  UsageOrInput: 2,
  /** A bug in kql-replay: please report it. */
  Internal: 3,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/**
 * An error caused by the user's input or environment. The CLI prints `message` (never a stack
 * trace) and exits with `exitCode`. Messages name the file (and line or offset) and the reason.
 */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCodeValue = ExitCode.UsageOrInput,
  ) {
    super(message);
    this.name = 'UserError';
  }
}
