import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { RecordBatchFileWriter } from 'apache-arrow';
import type { FileEventRow } from '../row.js';
import { ArrowBatchBuilder } from './arrow-batch.js';
import type { RowWriter } from './row-writer.js';

export const ARROW_BATCH_ROWS = 65_536;

/**
 * Arrow IPC file (random-access format) with the common/arrow.ts type mapping, written batch by
 * batch: the writer's byte stream is pumped to disk concurrently so memory stays at a few batches.
 */
export class ArrowIpcWriter implements RowWriter {
  private readonly builder = new ArrowBatchBuilder();
  private readonly writer = new RecordBatchFileWriter();
  private readonly out: WriteStream;
  private readonly pump: Promise<void>;
  private blocked: Promise<unknown> | null = null;

  constructor(readonly path: string) {
    this.out = createWriteStream(path, { highWaterMark: 1 << 20 });
    const out = this.out;
    this.pump = (async () => {
      for await (const chunk of this.writer) {
        if (!out.write(chunk) && !this.blocked) {
          this.blocked = once(out, 'drain').then(() => (this.blocked = null));
        }
      }
    })();
  }

  write(row: FileEventRow): void {
    this.builder.append(row);
    if (this.builder.length >= ARROW_BATCH_ROWS) this.writer.write(this.builder.flush()!);
  }

  async ready(): Promise<void> {
    if (this.blocked) await this.blocked;
  }

  async close(): Promise<void> {
    const last = this.builder.flush();
    if (last) this.writer.write(last);
    this.writer.finish();
    await this.pump;
    this.out.end();
    await once(this.out, 'finish');
  }
}
