import { TICKS_PER_SECOND, formatDatetime } from '@kqlr/common';
import type { FileEventRow } from '../row.js';
import { propertiesJson } from './defender-json.js';
import type { RowWriter } from './row-writer.js';
import { TextSink } from './text-sink.js';

const TENANT = '0b9f6c1e-3d2a-4e5f-8a7b-9c0d1e2f3a4b';

/**
 * Defender Streaming API records, one per line (Storage blob form, §3(b)): the row under
 * `properties`, `time` trailing `Timestamp` by a few seconds, plus `MachineGroup`, a key outside
 * the schema that readers must ignore.
 */
export class StreamingJsonlWriter implements RowWriter {
  private readonly sink: TextSink;
  constructor(readonly path: string) {
    this.sink = new TextSink(path);
  }
  write(row: FileEventRow): void {
    const time = formatDatetime(row.timestamp + BigInt(5 + (row.reportId % 97)) * TICKS_PER_SECOND);
    this.sink.write(
      `{"time":"${time}","tenantId":"${TENANT}","category":"AdvancedHunting-DeviceFileEvents","operationName":"Publish","properties":` +
        propertiesJson(row) +
        `,"MachineGroup":"UnassignedGroup"}}\n`,
    );
  }
  ready(): Promise<void> {
    return this.sink.ready();
  }
  close(): Promise<void> {
    return this.sink.close();
  }
}
