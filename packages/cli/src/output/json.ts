import type { RecordBatch } from 'apache-arrow';
import type { TableSchema } from '@kqlr/common';
import { jsonlLines } from './jsonl.js';

/** What a JSON document records about the run, so a result file says how it was produced. */
export interface JsonRunInfo {
  query: string;
  now: string;
  nowSource: string;
}

/**
 * One JSON document: `{"query","now","nowSource","columns":[{name,type}],"rows":[{...}]}`. Rows use
 * the JSONL value forms (kql-semantics.md §2.1) and are streamed, never held as objects.
 */
export async function* jsonDocument(
  info: JsonRunInfo,
  schema: TableSchema,
  batches: AsyncIterable<RecordBatch>,
): AsyncGenerator<string> {
  yield `{"query":${JSON.stringify(info.query)},"now":${JSON.stringify(info.now)},"nowSource":${JSON.stringify(info.nowSource)},`;
  yield `"columns":${JSON.stringify(schema.columns.map((c) => ({ name: c.name, type: c.type })))},"rows":[`;
  let first = true;
  for await (const batch of batches) {
    for (const line of jsonlLines(batch)) {
      yield (first ? '\n' : ',\n') + line.slice(0, -1);
      first = false;
    }
  }
  yield first ? ']}\n' : '\n]}\n';
}
