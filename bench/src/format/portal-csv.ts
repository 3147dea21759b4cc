import { BENCH_COLUMN_NAMES } from '../columns.js';
import type { FileEventRow } from '../row.js';
import type { RowWriter } from './row-writer.js';
import { TextSink } from './text-sink.js';

/** RFC 4180 quoting as the Defender portal does it: only fields with a comma, quote or line break. */
function field(v: string | null): string {
  if (v === null || v === '') return '';
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/**
 * Defender portal "Export" CSV (§3(a)): header row of column names, LF line ends, no line break
 * after the last row, null and "" both written as an empty field.
 */
export class PortalCsvWriter implements RowWriter {
  private readonly sink: TextSink;
  constructor(readonly path: string) {
    this.sink = new TextSink(path);
    this.sink.write(BENCH_COLUMN_NAMES.join(','));
  }
  write(row: FileEventRow): void {
    this.sink.write(
      '\n' +
        [
          row.timestampText, row.deviceId, field(row.deviceName), row.actionType, field(row.fileName),
          field(row.folderPath), row.sha1 ?? '', row.fileSize === null ? '' : String(row.fileSize),
          field(row.accountDomain), field(row.accountName), field(row.processFileName), field(row.processFolderPath),
          String(row.processId), field(row.processCommandLine), String(row.reportId),
        ].join(','),
    );
  }
  ready(): Promise<void> {
    return this.sink.ready();
  }
  close(): Promise<void> {
    return this.sink.close();
  }
}
