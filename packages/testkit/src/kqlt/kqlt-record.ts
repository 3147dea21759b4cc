import type { ColumnDef } from '@kqlr/common';
import type { TypeLetter } from './type-letters.js';

/**
 * How rows are compared: `nosort` in the engine's order (only meaningful after `sort`/`top`, or
 * for at most one row), `rowsort` as a multiset of rows, `valuesort` as a multiset of values.
 */
export type SortMode = 'nosort' | 'rowsort' | 'valuesort';

/** Where a record starts in its file, and what its `#` comments say. */
export interface RecordOrigin {
  file: string;
  /** 1-based line of the record's header (`query`, `error`, `table`, `now`). */
  line: number;
  /** The first comment line that is not a `source:` line (the test's name). */
  title: string;
  /** The `# source: ...` citations. */
  sources: string[];
}

/** A table declared in the file; later declarations of the same name replace earlier ones. */
export interface TableRecord extends RecordOrigin {
  kind: 'table';
  name: string;
  columns: ColumnDef[];
  rows: { kind: 'inline'; lines: { line: number; text: string }[] } | { kind: 'file'; path: string };
}

/** Context every runnable record carries: the file's `now` and the tables declared before it. */
export interface RunContext {
  now: bigint | undefined;
  tables: readonly TableRecord[];
}

export interface QueryRecord extends RecordOrigin, RunContext {
  kind: 'query';
  letters: TypeLetter[];
  sortMode: SortMode;
  query: string;
  /** Expected rows, each value already in canonical text (render-value.ts). */
  expected: string[][];
}

export interface ErrorRecord extends RecordOrigin, RunContext {
  kind: 'error';
  /** A diagnostic code the engine must report, or `any` for any failure. */
  code: string;
  query: string;
}

/** A record the format parser could not read; it becomes a failing test. */
export interface InvalidRecord extends RecordOrigin {
  kind: 'invalid';
  problem: string;
}

export type RunnableRecord = QueryRecord | ErrorRecord | InvalidRecord;

export interface KqltFile {
  file: string;
  records: RunnableRecord[];
}
