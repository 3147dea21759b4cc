/**
 * A failure caused by the query at run time (a bad regex, a subquery that cannot run). The engine
 * turns it into a `runtime-error` diagnostic; anything else thrown is a bug.
 */
export class ExecutionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExecutionError';
  }
}
