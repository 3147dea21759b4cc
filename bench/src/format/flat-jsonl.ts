import type { FileEventRow } from '../row.js';
import { propertiesJson } from './defender-json.js';
import type { RowWriter } from './row-writer.js';
import { TextSink } from './text-sink.js';

/** Flat JSON lines: one result-row object per line (hunting API results saved as JSONL, §3(c)). */
export class FlatJsonlWriter implements RowWriter {
  private readonly sink: TextSink;
  constructor(readonly path: string) {
    this.sink = new TextSink(path);
  }
  write(row: FileEventRow): void {
    this.sink.write(propertiesJson(row) + '}\n');
  }
  ready(): Promise<void> {
    return this.sink.ready();
  }
  close(): Promise<void> {
    return this.sink.close();
  }
}
