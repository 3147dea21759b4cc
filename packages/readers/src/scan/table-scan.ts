import type { RecordBatch } from 'apache-arrow';
import type { BatchStatisticsLookup, TableSchema } from '@kqlr/common';
import type { BatchBuilder } from '../arrow/batch-builder.js';
import type { InputFile } from './input-file.js';
import type { FileScanContext } from './scan-context.js';
import type { SysmonCorrelationCache } from '../formats/sysmon/correlation-cache.js';

/** Everything a format reader needs to produce one table's batches from one file. */
export interface TableScan {
  file: InputFile;
  table: string;
  schema: TableSchema;
  batchSize: number;
  ctx: FileScanContext;
  builder: BatchBuilder;
  /** The file's content (gunzipped), as UTF-8 text chunks without BOM. */
  text(): AsyncIterable<string>;
  /**
   * The file's content (gunzipped), as bytes. For JSON and portal CSV files a chunk is valid only
   * until the next is asked for (io/reused-chunks.ts): their readers copy what they keep.
   */
  bytes(): AsyncIterable<Uint8Array>;
  /** Column projection of the scan (undefined = all columns). */
  columns: readonly string[] | undefined;
  /** See PruningScanOptions.skipBatch (common/batch-statistics.ts); readers that can summarise a batch cheaply honour it. */
  skipBatch?: ((statistics: BatchStatisticsLookup) => boolean) | undefined;
  /** See LateScanOptions.lateColumns (common/deferred-columns.ts); readers that can read rows selectively honour it. */
  lateColumns?: readonly string[] | undefined;
  /** See LateScanOptions.copiesTransientBatches. */
  copiesTransientBatches?: boolean | undefined;
  /** See LateScanOptions.keepsFewRows. */
  keepsFewRows?: (() => boolean) | undefined;
  /** See ReaderScanOptions.textNeedles. */
  textNeedles: readonly string[] | undefined;
  /** A byte range that another continues (parallel/): see NeedleLineOptions.onOpenTail. */
  onOpenTail?: (bytes: number, lineBreaks: number) => void;
  /** Process tables of every Sysmon input of the run (for InitiatingProcess* correlation). */
  sysmon: SysmonCorrelationCache;
}

export type FormatReader = (scan: TableScan) => AsyncGenerator<RecordBatch>;
