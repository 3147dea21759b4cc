import type { RecordBatch } from 'apache-arrow';
import type { ScanOptions, TableProvider, TableSchema } from '@kqlr/common';

/** Counts the rows each table hands to the engine, for progress (events/s) and the summary. */
export class RowCounter {
  readonly perTable = new Map<string, number>();
  total = 0;

  wrap(provider: TableProvider): TableProvider {
    const counter = this;
    return {
      name: provider.name,
      schema: provider.schema as TableSchema,
      async *scan(options?: ScanOptions): AsyncIterable<RecordBatch> {
        counter.perTable.set(provider.name, counter.perTable.get(provider.name) ?? 0);
        for await (const batch of provider.scan(options)) {
          counter.perTable.set(provider.name, counter.perTable.get(provider.name)! + batch.numRows);
          counter.total += batch.numRows;
          yield batch;
        }
      },
    };
  }

  wrapAll(tables: ReadonlyMap<string, TableProvider>): Map<string, TableProvider> {
    return new Map([...tables].map(([name, p]) => [name, this.wrap(p)]));
  }
}
