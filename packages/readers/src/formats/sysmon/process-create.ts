import { F, type EventCursor } from './event-cursor.js';
import type { ProcessCreate } from './process-table.js';
import type { SysmonEvent } from './sysmon-event.js';

/** The process-table values of an EventID 1 read by the string scanner (or from Elastic JSON). */
export function processCreateOf(e: SysmonEvent, startTicks: bigint | null): ProcessCreate {
  const d = e.data;
  return {
    computer: e.computer,
    guid: d['ProcessGuid'] ?? '',
    pid: d['ProcessId'] ?? '',
    commandLine: d['CommandLine'] ?? '',
    user: d['User'],
    startTicks,
    hashes: d['Hashes'],
    logonId: d['LogonId'],
    parentGuid: d['ParentProcessGuid'] ?? '',
    parentPid: d['ParentProcessId'] ?? '',
    parentImage: d['ParentImage'] ?? '',
  };
}

/** The same from a record read by the byte cursor: only these fields are decoded. */
export function processCreateAt(c: EventCursor, startTicks: bigint | null): ProcessCreate {
  return {
    computer: c.computer(),
    guid: c.field(F.ProcessGuid) ?? '',
    pid: c.field(F.ProcessId) ?? '',
    commandLine: c.field(F.CommandLine) ?? '',
    user: c.field(F.User),
    startTicks,
    hashes: c.field(F.Hashes),
    logonId: c.field(F.LogonId),
    parentGuid: c.field(F.ParentProcessGuid) ?? '',
    parentPid: c.field(F.ParentProcessId) ?? '',
    parentImage: c.field(F.ParentImage) ?? '',
  };
}

/** A SysmonEvent holding the mapped fields of a cursor record (for the mapping pass). */
export function eventAt(c: EventCursor, fields: readonly number[], names: readonly string[]): SysmonEvent {
  const data: Record<string, string> = {};
  for (const f of fields) {
    const v = c.field(f);
    if (v !== undefined) data[names[f]!] = v;
  }
  return { eventId: c.eventId, recordId: c.recordId(), computer: c.computer(), systemTime: c.systemTime(), data };
}

/**
 * An event read as text (the string scanner), cut down to the fields `fields` as eventAt does: the
 * Timestamp sort encodes what it is given, and the other fields would only make its runs longer.
 */
export function projectedEvent(e: SysmonEvent, fields: readonly number[], names: readonly string[]): SysmonEvent {
  const data: Record<string, string> = {};
  for (const f of fields) {
    const name = names[f]!;
    const v = e.data[name];
    if (v !== undefined) data[name] = v;
  }
  return { eventId: e.eventId, recordId: e.recordId, computer: e.computer, systemTime: e.systemTime, data };
}
