/**
 * The longest record (a line, or a CSV record with its quoted line breaks) a reader accepts, in
 * UTF-16 characters. V8 strings stop at about 2^29 characters and a record is held whole while it
 * is parsed, so without a limit a file without line breaks (or with one unterminated CSV quote)
 * would end in an out-of-memory crash. 256 Mi leaves room for the copies parsing makes.
 */
export const MAX_RECORD_CHARS = 256 * 1024 * 1024;

/** Thrown by the splitters; the table scan turns it into an InputError naming the file. */
export class RecordTooLongError extends Error {
  constructor(
    readonly line: number,
    readonly limit: number,
  ) {
    super(`a record is longer than ${limit} characters (the record size limit; a file without line breaks, or an unterminated quoted field?)`);
    this.name = 'RecordTooLongError';
  }
}
