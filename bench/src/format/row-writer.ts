import type { FileEventRow } from '../row.js';

/** One output format fed row by row; `ready` applies back-pressure, `close` finishes the file. */
export interface RowWriter {
  readonly path: string;
  write(row: FileEventRow): void;
  ready(): Promise<void>;
  close(): Promise<void>;
}
