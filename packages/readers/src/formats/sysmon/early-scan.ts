import type { InputFile } from '../../scan/input-file.js';
import { startNeedleScan, WORKER_MIN_BYTES, type NeedleHits } from './needle-scan.js';
import { sysmonTextForms } from './sysmon-needles.js';

/** What a Sysmon scan will ask for: enough to start its needle-line scan early. */
export interface EarlyScanHint {
  table: string;
  columns: readonly string[] | undefined;
  textNeedles: readonly string[] | undefined;
}

export interface EarlyScan {
  forms: readonly string[];
  result(): Promise<NeedleHits | null>;
  cancel(): void;
}

/**
 * The needle-line scan of a large plain syslog file on a worker thread, when the scan has needles
 * the syslog prefilter can use and the correlation pass is still to run (`passDone` false), so the
 * two overlap; otherwise undefined (the reader scans on its own thread).
 * `KQLR_SYSMON_WORKER_MIN_BYTES` overrides the size threshold (tests use 0).
 */
export function startEarlyScan(file: InputFile, hint: EarlyScanHint, passDone: boolean): EarlyScan | undefined {
  const min = Number(process.env['KQLR_SYSMON_WORKER_MIN_BYTES'] ?? WORKER_MIN_BYTES);
  if (passDone || file.format !== 'sysmon' || file.jsonLayout !== undefined || file.syslogCsv || file.gzip || file.size < min) return undefined;
  if (!file.tables.includes(hint.table)) return undefined;
  const text = sysmonTextForms(hint.textNeedles, hint.columns);
  if (text === undefined) return undefined;
  return { forms: text.forms, ...startNeedleScan(file.path, file.gzip, text.forms) };
}
