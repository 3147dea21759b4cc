import type { TableSchema } from '@kqlr/common';
import type { Column } from './columns/column.js';

/**
 * What operators pass to each other: full-length columns plus the selection of live rows
 * (ascending row indices). Filters only narrow the selection; rows are gathered into a new
 * Arrow batch only at the output (DataFusion/Arquero style late materialisation).
 */
export interface Chunk {
  schema: TableSchema;
  columns: Column[];
  /** Number of physical rows in every column. */
  length: number;
  /** Live rows, ascending. */
  selection: Uint32Array;
}
