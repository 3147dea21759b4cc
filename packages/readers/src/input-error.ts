/**
 * A problem with the user's input files (unreadable, unknown format, truncated gzip, malformed
 * record under `strict`). The CLI prints `message` without a stack trace; the message always
 * names the file and, when known, the line or byte offset.
 */
export class InputError extends Error {
  constructor(
    message: string,
    readonly file?: string,
    readonly line?: number,
    readonly offset?: number,
  ) {
    super(message);
    this.name = 'InputError';
  }
}

/** `file:line: reason`, `file@offset: reason` or `file: reason`. */
export function locate(file: string, reason: string, line?: number, offset?: number): string {
  if (line !== undefined) return `${file}:${line}: ${reason}`;
  if (offset !== undefined) return `${file} (byte ${offset}): ${reason}`;
  return `${file}: ${reason}`;
}
