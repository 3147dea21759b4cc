import type { RecordBatch } from 'apache-arrow';
import { arrowSchemaFor, type TableSchema } from '@kqlr/common';
import { readRows } from '@kqlr/engine';
import { writeBatches } from '@kqlr/readers';
import { csvHeader, csvLines } from '../output/csv.js';
import { AtomicFile } from '../output/destination.js';
import { jsonDocument, type JsonRunInfo } from '../output/json.js';
import { DeferredWriter, jsonlLines, streamSink } from '../output/jsonl.js';
import { renderTable } from '../output/table.js';
import type { ResultFormat } from './run-options.js';

export interface ResultSink {
  /** Where results go: stdout (deferred, so an error prints no rows) or a file written atomically. */
  out?: string;
  force: boolean;
  stdout: (text: string) => Promise<void> | void;
  /** Terminal width for the table layout (stdout's, or unbounded for files and pipes). */
  width: number;
}

/**
 * Streams result batches to the sink in the chosen format and returns the number of rows. Text
 * formats never hold more than the deferral buffer; `table` collects rows (it must know every
 * column's width). A failure leaves no partial result: stdout output is deferred and files are
 * renamed into place only when complete.
 */
export async function writeResult(
  format: ResultFormat,
  schema: TableSchema,
  batches: AsyncIterable<RecordBatch>,
  info: JsonRunInfo,
  sink: ResultSink,
): Promise<number> {
  let rows = 0;
  const counted = (async function* () {
    for await (const b of batches) {
      rows += b.numRows;
      yield b;
    }
  })();
  const file = sink.out === undefined ? null : AtomicFile.create(sink.out, sink.force);
  try {
    if (format === 'arrow' || format === 'parquet') {
      if (file === null) throw new Error('binary output needs a file');
      // The schema lets an empty result still produce a valid, typed file.
      await writeBatches(counted, file.tempPath, format, arrowSchemaFor(schema));
    } else {
      const stream = file?.openStream();
      const deferred = new DeferredWriter(stream ? streamSink(stream) : sink.stdout);
      for await (const text of textOf(format, schema, counted, info, sink.width)) await deferred.push(text);
      await deferred.flush();
      if (stream) await new Promise<void>((resolve, reject) => stream.end((e?: Error | null) => (e ? reject(e) : resolve())));
    }
    await file?.commit();
  } catch (err) {
    await file?.abort();
    throw err;
  }
  return rows;
}

async function* textOf(
  format: 'table' | 'jsonl' | 'csv' | 'json',
  schema: TableSchema,
  batches: AsyncIterable<RecordBatch>,
  info: JsonRunInfo,
  width: number,
): AsyncGenerator<string> {
  switch (format) {
    case 'jsonl':
      for await (const b of batches) yield* jsonlLines(b);
      return;
    case 'csv':
      yield csvHeader(schema);
      for await (const b of batches) yield* csvLines(b, schema);
      return;
    case 'json':
      yield* jsonDocument(info, schema, batches);
      return;
    case 'table': {
      const rows = [];
      for await (const b of batches) rows.push(...readRows(b, schema));
      yield renderTable(schema, rows, { width });
      return;
    }
  }
}
