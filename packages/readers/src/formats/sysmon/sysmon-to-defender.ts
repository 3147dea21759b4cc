import type { TableSchema } from '@kqlr/common';
import type { BatchBuilder } from '../../arrow/batch-builder.js';
import { CellError } from '../../values/cell-error.js';
import type { ProcessTable } from './process-table.js';
import type { SysmonEvent } from './sysmon-event.js';
import { baseName, clean, eventTicks, parseHashes, parseIntegerText, syntheticDeviceId } from './sysmon-values.js';

/** Sysmon EventID -> (Defender table, ActionType), §5. Other ids are not emitted. */
export const SYSMON_ACTIONS: Readonly<Record<number, { table: string; action: string }>> = {
  1: { table: 'DeviceProcessEvents', action: 'ProcessCreated' },
  11: { table: 'DeviceFileEvents', action: 'FileCreated' },
  23: { table: 'DeviceFileEvents', action: 'FileDeleted' },
};

/** Column indexes by name for one schema, resolved once per scan. */
export class ColumnSlots {
  private readonly index: Map<string, number>;
  constructor(schema: TableSchema) {
    this.index = new Map(schema.columns.map((c, i) => [c.name, i]));
  }
  of(name: string): number {
    const i = this.index.get(name);
    if (i === undefined) throw new Error(`schema has no column ${name}`);
    return i;
  }
}

type Writer = {
  text(name: string, v: string): void;
  ticks(name: string, v: bigint | null): void;
  long(name: string, v: bigint | null): void;
  /** Whether the scan builds the column (values that cost something are computed only then). */
  wants(name: string): boolean;
};

function writer(b: BatchBuilder, slots: ColumnSlots): Writer {
  return {
    text: (name, v) => b.setText(slots.of(name), v),
    ticks: (name, v) => b.setTicks(slots.of(name), v),
    long: (name, v) => b.setLong(slots.of(name), v),
    wants: (name) => b.wants(slots.of(name)),
  };
}

function requireTicks(e: SysmonEvent): bigint {
  const t = eventTicks(e);
  if (t === null) throw new CellError(`unparseable UtcTime ${JSON.stringify(e.data['UtcTime'] ?? '')} (EventID ${e.eventId})`);
  return t;
}

function additional(fields: [string, string | number | undefined][]): string {
  const o: Record<string, string | number> = {};
  for (const [k, v] of fields) {
    if (v === undefined) continue;
    if (typeof v === 'string' && clean(v) === '') continue;
    o[k] = v;
  }
  return JSON.stringify(o);
}

function numberOrText(v: string | undefined): number | string | undefined {
  if (v === undefined) return undefined;
  return /^-?\d+$/.test(v) && Math.abs(Number(v)) <= Number.MAX_SAFE_INTEGER ? Number(v) : v;
}

/** Common InitiatingProcess* columns from a correlated EventID 1, entry `p` (-1: none) (§5.1). */
function writeInitiatingFromProcess(w: Writer, procs: ProcessTable, computer: string, p: number): void {
  if (p < 0) return;
  w.text('InitiatingProcessCommandLine', procs.commandLine(p));
  w.ticks('InitiatingProcessCreationTime', procs.startTicks(p));
  const h = procs.hashes(p);
  w.text('InitiatingProcessSHA256', h['SHA256'] ?? '');
  w.text('InitiatingProcessSHA1', h['SHA1'] ?? '');
  w.text('InitiatingProcessMD5', h['MD5'] ?? '');
  const parentPid = procs.parentPid(p);
  w.long('InitiatingProcessParentId', parseIntegerText(parentPid));
  w.text('InitiatingProcessParentFileName', procs.parentFileName(p));
  const grand = procs.find(computer, procs.parentGuid(p), parentPid, procs.startTicks(p));
  w.ticks('InitiatingProcessParentCreationTime', grand < 0 ? null : procs.startTicks(grand));
}

/** EventID 11 / 23 -> one DeviceFileEvents row (§5.1). Throws CellError for an unusable record. */
export function writeFileEvent(e: SysmonEvent, action: string, b: BatchBuilder, slots: ColumnSlots, procs: ProcessTable): void {
  const w = writer(b, slots);
  const d = e.data;
  const at = requireTicks(e);
  const target = d['TargetFilename'] ?? '';
  const image = d['Image'] ?? '';
  w.ticks('Timestamp', at);
  if (w.wants('DeviceId')) w.text('DeviceId', syntheticDeviceId(e.computer));
  w.text('DeviceName', e.computer);
  w.text('ActionType', action);
  w.text('FileName', baseName(target));
  w.text('FolderPath', target);
  if (e.eventId === 23 && (w.wants('SHA1') || w.wants('MD5') || w.wants('SHA256'))) {
    const h = parseHashes(d['Hashes']);
    w.text('SHA1', h['SHA1'] ?? '');
    w.text('MD5', h['MD5'] ?? '');
    w.text('SHA256', h['SHA256'] ?? '');
  }
  const p = procs.find(e.computer, d['ProcessGuid'] ?? '', d['ProcessId'] ?? '', at);
  w.text('InitiatingProcessAccountName', clean(d['User']) || (p < 0 ? '' : procs.user(p)));
  w.text('InitiatingProcessAccountDomain', e.computer);
  w.text('InitiatingProcessFileName', baseName(image));
  w.text('InitiatingProcessFolderPath', image);
  w.long('InitiatingProcessId', parseIntegerText(d['ProcessId']));
  w.text('InitiatingProcessUniqueId', clean(d['ProcessGuid']));
  writeInitiatingFromProcess(w, procs, e.computer, p);
  w.long('ReportId', parseIntegerText(e.recordId));
  if (!w.wants('AdditionalFields')) return;
  const extra: [string, string | number | undefined][] = [
    ['SysmonEventId', e.eventId], ['RuleName', d['RuleName']], ['CreationUtcTime', d['CreationUtcTime']],
    ['ProcessGuid', d['ProcessGuid']], ['EventRecordID', numberOrText(e.recordId)],
  ];
  if (e.eventId === 23) extra.push(['IsExecutable', d['IsExecutable']], ['Archived', d['Archived']]);
  w.text('AdditionalFields', additional(extra));
}

/** EventID 1 -> one DeviceProcessEvents row (§5.2). */
export function writeProcessEvent(e: SysmonEvent, b: BatchBuilder, slots: ColumnSlots, procs: ProcessTable): void {
  const w = writer(b, slots);
  const d = e.data;
  const at = requireTicks(e);
  const image = d['Image'] ?? '';
  const parentImage = d['ParentImage'] ?? '';
  const h = parseHashes(d['Hashes']);
  w.ticks('Timestamp', at);
  w.ticks('ProcessCreationTime', at);
  if (w.wants('DeviceId')) w.text('DeviceId', syntheticDeviceId(e.computer));
  w.text('DeviceName', e.computer);
  w.text('ActionType', 'ProcessCreated');
  w.text('FileName', baseName(image));
  w.text('FolderPath', image);
  w.text('SHA256', h['SHA256'] ?? '');
  w.text('SHA1', h['SHA1'] ?? '');
  w.text('MD5', h['MD5'] ?? '');
  w.long('ProcessId', parseIntegerText(d['ProcessId']));
  w.text('ProcessCommandLine', d['CommandLine'] ?? '');
  w.text('ProcessUniqueId', clean(d['ProcessGuid']));
  w.text('AccountName', clean(d['User']));
  w.text('AccountDomain', e.computer);
  w.long('LogonId', parseIntegerText(d['LogonId']));
  w.long('InitiatingProcessId', parseIntegerText(d['ParentProcessId']));
  w.text('InitiatingProcessFileName', baseName(parentImage));
  w.text('InitiatingProcessFolderPath', parentImage);
  w.text('InitiatingProcessCommandLine', d['ParentCommandLine'] ?? '');
  w.text('InitiatingProcessAccountName', clean(d['ParentUser']));
  w.text('InitiatingProcessAccountDomain', e.computer);
  w.text('InitiatingProcessUniqueId', clean(d['ParentProcessGuid']));
  const parent = procs.find(e.computer, d['ParentProcessGuid'] ?? '', d['ParentProcessId'] ?? '', at);
  if (parent >= 0) {
    const parentPid = procs.parentPid(parent);
    const parentStart = procs.startTicks(parent);
    w.ticks('InitiatingProcessCreationTime', parentStart);
    const ph = procs.hashes(parent);
    w.text('InitiatingProcessSHA256', ph['SHA256'] ?? '');
    w.text('InitiatingProcessSHA1', ph['SHA1'] ?? '');
    w.text('InitiatingProcessMD5', ph['MD5'] ?? '');
    w.long('InitiatingProcessLogonId', procs.logonId(parent));
    w.long('InitiatingProcessParentId', parseIntegerText(parentPid));
    w.text('InitiatingProcessParentFileName', procs.parentFileName(parent));
    const grand = procs.find(e.computer, procs.parentGuid(parent), parentPid, parentStart);
    w.ticks('InitiatingProcessParentCreationTime', grand < 0 ? null : procs.startTicks(grand));
  }
  w.long('ReportId', parseIntegerText(e.recordId));
  if (w.wants('AdditionalFields')) w.text('AdditionalFields', additional([
    ['ProcessCurrentWorkingDirectory', d['CurrentDirectory']], ['LogonGuid', d['LogonGuid']],
    ['TerminalSessionId', numberOrText(d['TerminalSessionId'])], ['RuleName', d['RuleName']],
    ['SysmonEventId', 1], ['EventRecordID', numberOrText(e.recordId)],
  ]));
}
