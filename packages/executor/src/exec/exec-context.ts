import type { TableProvider } from '@kqlr/common';

/** Run-time inputs shared by every operator of one execution. */
export interface ExecContext {
  tables: ReadonlyMap<string, TableProvider>;
  /** Preferred rows per output batch (inputs may come in any size). */
  batchSize: number;
}

export const DEFAULT_BATCH_SIZE = 8192;
