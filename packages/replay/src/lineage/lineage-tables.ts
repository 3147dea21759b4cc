import { Int64, makeData, RecordBatch, Schema, Struct } from 'apache-arrow';
import { attachDeferredColumns, deferredColumnsOf, isTransientBatch, kqlField, markTransientBatch, type LateScanOptions, type ScanOptions, type TableProvider } from '@kqlr/common';
import { encodeRowId, ROW_ID_COLUMN } from './row-id.js';

export interface LineageTables {
  /** Providers whose batches carry the row-id column last. */
  tables: Map<string, TableProvider>;
  /** Table names by table index (the high bits of a row id). */
  tableNames: string[];
}

/**
 * Wraps providers so every batch carries an Int64 row-id column. Row numbers count rows in scan
 * order, so they are stable only if a provider yields its rows in the same order on every scan
 * (file readers and memory tables do). Table indexes follow the map's iteration order.
 */
export function lineageTables(
  tables: ReadonlyMap<string, TableProvider>,
  options: LineageTableOptions = {},
): LineageTables {
  const wrapped = new Map<string, TableProvider>();
  const tableNames: string[] = [];
  for (const [name, provider] of tables) {
    wrapped.set(name, withRowIds(provider, tableNames.length, options));
    tableNames.push(name);
  }
  return { tables: wrapped, tableNames };
}

export interface LineageTableOptions {
  /** Called when a scan ran to its end, with the rows it numbered (to check numbering is stable). */
  onScanEnd?: (table: string, rows: number) => void;
  /**
   * Asked when a scan of `table` starts: a tap that sees every batch of that scan (with the row-id
   * column, before the consumer does), or undefined. The scan then also reads the tap's columns,
   * whole (never deferred to the kept rows). `end` is called only when the scan ran to its end.
   */
  tap?: (table: string) => ScanTap | undefined;
}

export interface ScanTap {
  columns: readonly string[];
  batch(batch: RecordBatch): void;
  end(rows: number): void;
}

const ID_FIELD = kqlField({ name: ROW_ID_COLUMN, type: 'long' });

function withRowIds(provider: TableProvider, tableIndex: number, { onScanEnd, tap: tapFor }: LineageTableOptions): TableProvider {
  return {
    name: provider.name,
    schema: { ...provider.schema, columns: [...provider.schema.columns, { name: ROW_ID_COLUMN, type: 'long' }] },
    async *scan(options: ScanOptions = {}): AsyncIterable<RecordBatch> {
      const tap = tapFor?.(provider.name);
      const asked = options.columns?.filter((c) => c !== ROW_ID_COLUMN);
      const columns = asked === undefined || tap === undefined ? asked : [...new Set([...asked, ...tap.columns])];
      // Row ids number every input row, so no hint that lets a provider leave rows out may reach
      // it: the readers' raw-text prefilter (records that cannot match) and batch skipping by
      // statistics (Arrow IPC batches, Parquet row groups outside a Timestamp filter). Skipped rows
      // would shift the numbering of every row after them.
      const { textNeedles: _prefilter, skipBatch: _skipBatch, ...rest } = options as LateScanOptions & { textNeedles?: unknown; skipBatch?: unknown };
      void _prefilter;
      void _skipBatch;
      // The tap reads its columns at every row: none of them may be deferred to the kept rows.
      if (tap !== undefined && rest.lateColumns !== undefined) rest.lateColumns = rest.lateColumns.filter((c) => !tap.columns.includes(c));
      let next = 0;
      let lastSchema: Schema | null = null;
      let schema: Schema | null = null;
      for await (const batch of provider.scan({ ...rest, ...(columns === undefined ? {} : { columns }) })) {
        if (batch.schema !== lastSchema || schema === null) {
          lastSchema = batch.schema;
          schema = new Schema([...batch.schema.fields, ID_FIELD], batch.schema.metadata);
        }
        const length = batch.numRows;
        const ids = new BigInt64Array(length);
        for (let i = 0; i < length; i++) ids[i] = encodeRowId(tableIndex, next + i);
        next += length;
        const idData = makeData({ type: new Int64(), length, nullCount: 0, data: ids });
        const data = makeData({
          type: new Struct(schema.fields),
          length,
          nullCount: 0,
          children: [...batch.data.children, idData],
        });
        // What the provider attached to its batch travels with the wrapped one: columns it deferred
        // (read only at the rows the filters keep) and the mark that its memory is reused.
        const wrapped = new RecordBatch(schema, data);
        const deferred = deferredColumnsOf(batch);
        if (deferred !== undefined) attachDeferredColumns(wrapped, deferred);
        if (isTransientBatch(batch)) markTransientBatch(wrapped);
        tap?.batch(wrapped);
        yield wrapped;
      }
      tap?.end(next);
      onScanEnd?.(provider.name, next);
    },
  };
}
