/**
 * The seed rule (shared/seeds/000_f5445afb1515489c.txt), Detection 1, corrected: DeviceFileEvents
 * has no `AccountName` column (telemetry-formats.md §2), so it projects
 * `AccountName = InitiatingProcessAccountName`. Every contender implements exactly this.
 */
export const SYSTEMD_SERVICE_PATHS = [
  '/etc/systemd/system/',
  '/lib/systemd/system/',
  '/usr/lib/systemd/system/',
  '/run/systemd/system/',
  '.config/systemd/user/',
  '/etc/systemd/user/',
] as const;

export const SUSPICIOUS_SERVICE_NAMES = [
  'syslogd', 'systemd-network', 'systemd-resolve', 'kthreadd',
  'netns', 'cron2', 'update-rc', 'sshd2', 'rsyslogd',
] as const;

const list = (items: readonly string[]) => items.map((s) => `"${s}"`).join(', ');

export const DETECTION_1_KQL = `let SystemdServicePaths = dynamic([${list(SYSTEMD_SERVICE_PATHS)}]);
let SuspiciousServiceNames = dynamic([${list(SUSPICIOUS_SERVICE_NAMES)}]);
DeviceFileEvents
| where Timestamp > ago(24h)
| where ActionType in ("FileCreated", "FileModified")
| where FolderPath has_any (SystemdServicePaths)
| where FileName endswith ".service"
| extend IsUserLevelService = FolderPath contains ".config/systemd/user"
| extend IsSuspiciousName = FileName has_any (SuspiciousServiceNames)
| project Timestamp, DeviceName, AccountName = InitiatingProcessAccountName, ActionType, FolderPath, FileName,
InitiatingProcessFileName, InitiatingProcessCommandLine, InitiatingProcessAccountName,
IsUserLevelService, IsSuspiciousName
| sort by Timestamp desc
`;

/** Result columns, in order. */
export const RESULT_COLUMNS = [
  'Timestamp', 'DeviceName', 'AccountName', 'ActionType', 'FolderPath', 'FileName',
  'InitiatingProcessFileName', 'InitiatingProcessCommandLine', 'InitiatingProcessAccountName',
  'IsUserLevelService', 'IsSuspiciousName',
] as const;

export const ACTION_TYPES = ['FileCreated', 'FileModified'] as const;
