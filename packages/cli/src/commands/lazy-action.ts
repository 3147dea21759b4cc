/**
 * Start-up: `kqlr --help` or `kqlr check` must not load the engine, executor, readers and
 * replay packages (and apache-arrow through them) that only other commands use; on Node 20 each
 * ES module costs about a millisecond to resolve and compile, and those are hundreds. So command
 * registration (this folder's `*-command.ts`) imports nothing heavy, and each command's action
 * loads its implementation module only when that command runs.
 */
export function lazyAction<A extends unknown[]>(load: () => Promise<(...args: A) => Promise<void>>): (...args: A) => Promise<void> {
  return async (...args: A) => (await load())(...args);
}

/** Commander's argument parser for repeatable options (`--data a --data b`). */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
