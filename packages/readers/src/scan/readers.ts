import type { InputFormat } from '../input-spec.js';
import { readDefenderCsv } from '../formats/csv/defender-csv.js';
import { readSentinelCsv } from '../formats/csv/sentinel-csv.js';
import { readJson } from '../formats/json/json-reader.js';
import { readSysmon } from '../formats/sysmon/sysmon-reader.js';
import { readArrowIpc } from '../formats/columnar/arrow-ipc-reader.js';
import { readParquetFile } from '../formats/columnar/parquet-reader.js';
import type { FormatReader } from './table-scan.js';

export const READERS: Readonly<Record<InputFormat, FormatReader>> = {
  'defender-csv': readDefenderCsv,
  'sentinel-csv': readSentinelCsv,
  json: readJson,
  sysmon: readSysmon,
  arrow: readArrowIpc,
  parquet: readParquetFile,
};
