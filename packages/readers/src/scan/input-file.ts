import type { InputFormat } from '../input-spec.js';

/** One resolved input file, after detection. */
export interface InputFile {
  path: string;
  /** Size on disk (compressed size for gzip). */
  size: number;
  gzip: boolean;
  format: InputFormat;
  /** Table named by the user (`Table=PATH`), which overrides any inference. */
  userTable?: string;
  /**
   * Tables this file may feed: one table for single-table formats, several when records name
   * their own table (Streaming API `category`, Sentinel `Type`, Sysmon events).
   */
  tables: string[];
  /** Why the table was chosen (for messages). */
  tableRule: string;
  /** JSON: one record per line, or one (possibly pretty-printed) document. */
  jsonLayout?: 'lines' | 'document';
  /** Sysmon: a Log Analytics `Syslog` table export (CSV) with the XML in `SyslogMessage`. */
  syslogCsv?: boolean;
}

export interface FileStats {
  path: string;
  format: InputFormat;
  events: number;
  malformed: number;
  /** Lines that are not records of this format and were skipped by design (other syslog programs). */
  skippedLines: number;
  /** Records of tables the catalog does not know (e.g. AdvancedHunting-DeviceNetworkEvents). */
  otherTableRecords: number;
}
