import { TICKS_PER_MILLISECOND, formatDatetime } from '@kqlr/common';
import type { FileEventRow, SynthHost, SynthProcess } from '../row.js';
import type { RowWriter } from './row-writer.js';
import { TextSink } from './text-sink.js';

/** libxml2's text writer escapes these three in element text (telemetry-formats.md §4.2). */
function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Sysmon's UtcTime: `YYYY-MM-DD HH:MM:SS.mmm`, UTC, no zone marker; ticks below 1 ms are lost. */
export function sysmonUtcTime(ticks: bigint): string {
  const iso = formatDatetime(ticks);
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
}

/** rsyslog's RFC 3339 high-precision prefix time (microseconds, +00:00). */
function syslogTime(ticks: bigint): string {
  return formatDatetime(ticks).slice(0, 26) + '+00:00';
}

const PROVIDER = '<Provider Name="Linux-Sysmon" Guid="{ff032593-a8d3-4f13-b0d6-01fc615a0f97}"/>';

function header(host: SynthHost, eventId: number, version: number, ticks: bigint): string {
  host.recordId += 1;
  const systemTime = formatDatetime(ticks + 3n * TICKS_PER_MILLISECOND).slice(0, 27) + '00Z';
  return (
    `<Event><System>${PROVIDER}<EventID>${eventId}</EventID><Version>${version}</Version><Level>4</Level>` +
    `<Task>${eventId}</Task><Opcode>0</Opcode><Keywords>0x8000000000000000</Keywords>` +
    `<TimeCreated SystemTime="${systemTime}"/><EventRecordID>${host.recordId}</EventRecordID><Correlation/>` +
    `<Execution ProcessID="812" ThreadID="812"/><Channel>Linux-Sysmon/Operational</Channel>` +
    `<Computer>${xml(host.short)}</Computer><Security UserId="0"/></System><EventData>`
  );
}

function data(fields: readonly (readonly [string, string])[]): string {
  let s = '';
  for (const [name, value] of fields) s += `<Data Name="${name}">${xml(value)}</Data>`;
  return s + '</EventData></Event>';
}

/**
 * Sysmon for Linux as rsyslog writes it to /var/log/syslog (§4.3-4.4): EventID 11 for
 * FileCreated, 23 for FileDeleted, and EventID 1 for each initiating process the first time one
 * of its file events is logged. FileModified/FileRenamed have no Sysmon event (§5.4), so they are
 * absent. Other programs' lines are interleaved, as on a real collector.
 */
export class SysmonSyslogWriter implements RowWriter {
  private readonly sink: TextSink;
  private lines = 0;
  constructor(readonly path: string) {
    this.sink = new TextSink(path);
  }

  private line(ticks: bigint, host: SynthHost, message: string): void {
    this.sink.write(`${syslogTime(ticks + 5n * TICKS_PER_MILLISECOND)} ${host.short} ${message}\n`);
    this.lines += 1;
  }

  private processCreate(host: SynthHost, p: SynthProcess): void {
    const parentGuid = `{${host.machineGuidPart}-0000-0000-0000-${String(p.parentPid).padStart(8, '0')}0000}`;
    const parentName = p.parentImage.slice(p.parentImage.lastIndexOf('/') + 1);
    this.line(p.creationTicks, host, 'sysmon: ' + header(host, 1, 5, p.creationTicks) + data([
      ['RuleName', '-'], ['UtcTime', sysmonUtcTime(p.creationTicks)], ['ProcessGuid', p.guid],
      ['ProcessId', String(p.pid)], ['Image', p.image], ['FileVersion', '-'], ['Description', '-'], ['Product', '-'],
      ['Company', '-'], ['OriginalFileName', '-'], ['CommandLine', p.commandLine ?? ''], ['CurrentDirectory', '/'],
      ['User', p.user], ['LogonGuid', `{${host.machineGuidPart}-0000-0000-0000-000000000000}`], ['LogonId', '0'],
      ['TerminalSessionId', '4294967295'], ['IntegrityLevel', 'no level'], ['Hashes', '-'],
      ['ParentProcessGuid', parentGuid], ['ParentProcessId', String(p.parentPid)], ['ParentImage', p.parentImage],
      ['ParentCommandLine', parentName], ['ParentUser', 'root'],
    ]));
  }

  write(row: FileEventRow): void {
    if (row.reportId % 37 === 0) {
      this.line(row.timestamp, row.host, `CRON[${row.reportId % 65536}]: (root) CMD (command -v debian-sa1 > /dev/null && debian-sa1 1 1)`);
    }
    const isCreate = row.actionType === 'FileCreated';
    if (!isCreate && row.actionType !== 'FileDeleted') return;
    const p = row.process;
    if (!p.announced) {
      p.announced = true;
      this.processCreate(row.host, p);
    }
    const t = `${row.timestampText.slice(0, 10)} ${row.timestampText.slice(11, 23)}`;
    const fields: (readonly [string, string])[] = isCreate
      ? [['RuleName', '-'], ['UtcTime', t], ['ProcessGuid', p.guid], ['ProcessId', String(p.pid)], ['Image', p.image],
         ['TargetFilename', row.folderPath], ['CreationUtcTime', t], ['User', p.user]]
      : [['RuleName', '-'], ['UtcTime', t], ['ProcessGuid', p.guid], ['ProcessId', String(p.pid)], ['User', p.user],
         ['Image', p.image], ['TargetFilename', row.folderPath], ['Hashes', row.sha1 ? `SHA1=${row.sha1}` : '-'],
         ['IsExecutable', 'false'], ['Archived', 'false']];
    this.line(row.timestamp, row.host, 'sysmon: ' + header(row.host, isCreate ? 11 : 23, isCreate ? 2 : 5, row.timestamp) + data(fields));
  }

  ready(): Promise<void> {
    return this.sink.ready();
  }
  close(): Promise<void> {
    return this.sink.close();
  }
}
