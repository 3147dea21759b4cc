import type * as ArrowModule from 'apache-arrow';
import type { ColumnDef, KqlType } from './types.js';

/** The field metadata key holding a column's KQL type (datetime and timespan are Int64 ticks). */
export const KQL_TYPE_METADATA_KEY = 'kql.type';

/** apache-arrow's exports, from whichever build a thread loaded. */
export type ArrowNamespace = typeof ArrowModule;

/**
 * How KQL types live in Arrow, built with the classes of `A`. Arrow has no 100 ns time unit, and
 * Kusto's datetime range (0001..9999) overflows Arrow's nanosecond timestamps, so datetime and
 * timespan are Int64 ticks tagged with field metadata. guid and dynamic are UTF-8 (dynamic as
 * compact JSON text).
 *
 * Why `A` is a parameter: the readers' worker threads build their batches with apache-arrow's
 * single-file bundle, which loads in ~30 ms where its ~150 ES modules take ~230 ms, and hand them
 * over as IPC bytes; everything else uses the ES modules (arrow.ts). A batch's classes must be one
 * build's, so this code cannot import either itself.
 */
export function arrowTypeWith(A: ArrowNamespace, type: KqlType, dictionaryEncoded = false): ArrowModule.DataType {
  switch (type) {
    case 'bool':
      return new A.Bool();
    case 'int':
      return new A.Int32();
    case 'long':
    case 'datetime':
    case 'timespan':
      return new A.Int64();
    case 'real':
    case 'decimal':
      return new A.Float64();
    case 'string':
      return dictionaryEncoded ? new A.Dictionary(new A.Utf8(), new A.Int32()) : new A.Utf8();
    case 'guid':
    case 'dynamic':
      return new A.Utf8();
  }
}

/** The Arrow field of a KQL column (nullable, its KQL type in the metadata), built with `A`. */
export function kqlFieldWith(A: ArrowNamespace, column: ColumnDef, dictionaryEncoded = false): ArrowModule.Field {
  return new A.Field(
    column.name,
    arrowTypeWith(A, column.type, dictionaryEncoded && column.type === 'string'),
    true,
    new Map([[KQL_TYPE_METADATA_KEY, column.type]]),
  );
}
