/**
 * A problem with a labelled dataset (its manifest, its labels, or its inputs). The message names the
 * file, and the line when there is one. The CLI turns it into exit code 2.
 */
export class DatasetError extends Error {
  constructor(
    message: string,
    readonly file: string,
    readonly line?: number,
  ) {
    super(line === undefined ? `${file}: ${message}` : `${file}:${line}: ${message}`);
    this.name = 'DatasetError';
  }
}
