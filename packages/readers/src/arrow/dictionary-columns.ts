/**
 * String columns worth dictionary-encoding: few distinct values per file (host names, action
 * types, file and image names and paths, account names, version info). Command lines, hashes,
 * ids and AdditionalFields stay plain Utf8: interning millions of unique strings costs more than
 * it saves (performance-notes.md §2.4).
 */
const LOW_CARDINALITY = new Set([
  'DeviceId', 'DeviceName', 'ActionType', 'FileName', 'FolderPath',
  'AccountDomain', 'AccountName', 'ProcessIntegrityLevel', 'ProcessTokenElevation',
  'InitiatingProcessAccountDomain', 'InitiatingProcessAccountName', 'InitiatingProcessAccountSid',
  'InitiatingProcessAccountUpn', 'InitiatingProcessFileName', 'InitiatingProcessFolderPath',
  'InitiatingProcessParentFileName', 'InitiatingProcessIntegrityLevel', 'InitiatingProcessTokenElevation',
  'InitiatingProcessSignerType', 'InitiatingProcessSignatureStatus',
  'RequestProtocol', 'RequestAccountName', 'RequestAccountDomain', 'ShareName',
  'SensitivityLabel', 'SensitivitySubLabel', 'PreviousFolderPath',
]);

export function isDictionaryColumn(name: string): boolean {
  return LOW_CARDINALITY.has(name) || /VersionInfo/.test(name);
}
