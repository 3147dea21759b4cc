/** A value that cannot be read as its column's type: the whole record is malformed. */
export class CellError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CellError';
  }
}
