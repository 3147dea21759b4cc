import type { FileEventRow } from '../row.js';

/**
 * The 15 columns as a JSON object body, in schema order. Strings are JSON-escaped by
 * JSON.stringify; missing values are JSON null, as the Streaming API writes them
 * (telemetry-formats.md §3(b)).
 */
export function propertiesJson(row: FileEventRow): string {
  return (row.json ??= buildJson(row));
}

function buildJson(row: FileEventRow): string {
  const s = JSON.stringify;
  const opt = (v: string | null) => (v === null ? 'null' : s(v));
  return (
    `{"Timestamp":"${row.timestampText}","DeviceId":${s(row.deviceId)},"DeviceName":${s(row.deviceName)}` +
    `,"ActionType":${s(row.actionType)},"FileName":${s(row.fileName)},"FolderPath":${s(row.folderPath)}` +
    `,"SHA1":${opt(row.sha1)},"FileSize":${row.fileSize === null ? 'null' : row.fileSize}` +
    `,"InitiatingProcessAccountDomain":${s(row.accountDomain)},"InitiatingProcessAccountName":${s(row.accountName)}` +
    `,"InitiatingProcessFileName":${s(row.processFileName)},"InitiatingProcessFolderPath":${s(row.processFolderPath)}` +
    `,"InitiatingProcessId":${row.processId},"InitiatingProcessCommandLine":${opt(row.processCommandLine)}` +
    `,"ReportId":${row.reportId}`
  );
}
