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
 * An event read as text (the string scanner), cut down to the fields `fields` as eventAt does, and
 * with its texts copied out of the line: V8 keeps a substring of 13 or more characters as a view
 * on its parent, so an event waiting in the Timestamp sort would otherwise keep its whole line
 * alive (about 2.3 KB a needle hit instead of ~0.6).
 */
export function projectedEvent(e: SysmonEvent, fields: readonly number[], names: readonly string[]): SysmonEvent {
  const data: Record<string, string> = {};
  for (const f of fields) {
    const name = names[f]!;
    const v = e.data[name];
    if (v !== undefined) data[name] = detached(v);
  }
  return { eventId: e.eventId, recordId: detached(e.recordId), computer: detached(e.computer), systemTime: detached(e.systemTime), data };
}

/** A flat copy of `s` (UTF-16 round trip: exact for any content, lone surrogates included). */
function detached(s: string): string {
  // Shorter strings are copies already (V8's minimum length for a sliced string is 13).
  return s.length < 13 ? s : Buffer.from(s, 'utf16le').toString('utf16le');
}
