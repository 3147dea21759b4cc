import { F, FIELD_NAMES, type FieldName } from './event-cursor.js';

/**
 * Which EventData fields each column of a Sysmon-fed table is made from (sysmon-to-defender.ts),
 * so a projected scan decodes only those. UtcTime (the sort key and Timestamp) and the process keys
 * (ProcessGuid/ProcessId, Parent* for EventID 1: correlation) are always read.
 */
const FILE_COLUMNS: Readonly<Record<string, readonly FieldName[]>> = {
  FileName: ['TargetFilename'],
  FolderPath: ['TargetFilename'],
  SHA1: ['Hashes'],
  MD5: ['Hashes'],
  SHA256: ['Hashes'],
  InitiatingProcessAccountName: ['User'],
  InitiatingProcessFileName: ['Image'],
  InitiatingProcessFolderPath: ['Image'],
  AdditionalFields: ['RuleName', 'CreationUtcTime', 'IsExecutable', 'Archived'],
};

const PROCESS_COLUMNS: Readonly<Record<string, readonly FieldName[]>> = {
  FileName: ['Image'],
  FolderPath: ['Image'],
  SHA256: ['Hashes'],
  SHA1: ['Hashes'],
  MD5: ['Hashes'],
  ProcessCommandLine: ['CommandLine'],
  AccountName: ['User'],
  LogonId: ['LogonId'],
  InitiatingProcessFileName: ['ParentImage'],
  InitiatingProcessFolderPath: ['ParentImage'],
  InitiatingProcessCommandLine: ['ParentCommandLine'],
  InitiatingProcessAccountName: ['ParentUser'],
  AdditionalFields: ['CurrentDirectory', 'LogonGuid', 'TerminalSessionId', 'RuleName'],
};

const ALWAYS: readonly FieldName[] = ['UtcTime', 'ProcessGuid', 'ProcessId', 'ParentProcessGuid', 'ParentProcessId'];

/** Field indexes (event-cursor.ts) a scan of `table` with `columns` needs; all when unprojected. */
export function mappedFields(table: string, columns: readonly string[] | undefined): number[] {
  if (columns === undefined) return FIELD_NAMES.map((_, i) => i);
  const byColumn = table === 'DeviceProcessEvents' ? PROCESS_COLUMNS : FILE_COLUMNS;
  const names = new Set<FieldName>(ALWAYS);
  for (const c of columns) for (const f of byColumn[c] ?? []) names.add(f);
  return [...names].map((n) => F[n]);
}
