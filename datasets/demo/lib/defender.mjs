// MDE's view of the model: DeviceFileEvents and DeviceProcessEvents rows with every schema column
// (null where MDE leaves it empty on Linux), and the two export formats of shared/telemetry-formats.md
// §3(a) portal CSV and §3(b) Streaming API records.
import { FILE_COLUMNS, PROCESS_COLUMNS } from './defender-columns.mjs';
import { basename, hashText } from './model.mjs';
import { isoTicks, TICKS_PER_SECOND } from './time.mjs';

const iso = (ticks) => (ticks === null || ticks === undefined ? null : isoTicks(ticks));

/** Linux MDE conventions (§1.4): domain = host name, token elevation `None`, SIDs/UPN empty. */
function posixUser(name, host) {
  const uid = name === 'root' ? 0 : (host.uids?.[name] ?? 1000);
  return { Name: name, DomainName: host.fqdn, LogonId: uid, PosixUserId: uid, PrimaryPosixGroup: { Name: name, PosixGroupId: uid } };
}

function initiatingColumns(proc) {
  const parent = proc.parent;
  return {
    InitiatingProcessAccountDomain: proc.host.fqdn,
    InitiatingProcessAccountName: proc.user,
    InitiatingProcessAccountSid: null,
    InitiatingProcessAccountUpn: null,
    InitiatingProcessAccountObjectId: null,
    InitiatingProcessMD5: proc.md5,
    InitiatingProcessSHA1: proc.sha1,
    InitiatingProcessSHA256: proc.sha256,
    InitiatingProcessFolderPath: proc.image,
    InitiatingProcessFileName: proc.fileName,
    InitiatingProcessFileSize: proc.size,
    InitiatingProcessVersionInfoCompanyName: null,
    InitiatingProcessVersionInfoProductName: null,
    InitiatingProcessVersionInfoProductVersion: null,
    InitiatingProcessVersionInfoInternalFileName: null,
    InitiatingProcessVersionInfoOriginalFileName: null,
    InitiatingProcessVersionInfoFileDescription: null,
    InitiatingProcessId: proc.pid,
    InitiatingProcessCommandLine: proc.cmd,
    InitiatingProcessCreationTime: iso(proc.start),
    InitiatingProcessIntegrityLevel: null,
    InitiatingProcessTokenElevation: 'None',
    InitiatingProcessParentId: parent?.pid ?? null,
    InitiatingProcessParentFileName: parent?.fileName ?? null,
    InitiatingProcessParentCreationTime: iso(parent?.start),
    InitiatingProcessLogonId: proc.session.logonId,
    InitiatingProcessSignerType: 'Unknown',
    InitiatingProcessSignatureStatus: 'Unknown',
    InitiatingProcessSessionId: null,
    IsInitiatingProcessRemoteSession: false,
    InitiatingProcessRemoteSessionDeviceName: null,
    InitiatingProcessRemoteSessionIP: null,
    InitiatingProcessUniqueId: proc.uniqueId,
  };
}

function additionalFields(proc) {
  return JSON.stringify({
    InitiatingProcessPosixEffectiveUser: posixUser(proc.user, proc.host),
    InitiatingProcessPosixProcessGroupId: proc.pid,
    InitiatingProcessPosixSessionId: proc.session.logonId === 0 ? 1 : proc.pid,
    ProcessCurrentWorkingDirectory: proc.cwd,
  });
}

function fileRow(event, reportId) {
  const { host, proc, content } = event;
  const hashed = content !== null && event.action !== 'FileDeleted';
  const values = {
    Timestamp: iso(event.at),
    DeviceId: host.deviceId,
    DeviceName: host.fqdn,
    ActionType: event.action,
    FileName: basename(event.path),
    FolderPath: event.path,
    SHA1: hashed ? hashText('sha1', content) : null,
    SHA256: hashed ? hashText('sha256', content) : null,
    MD5: hashed ? hashText('md5', content) : null,
    FileSize: event.action === 'FileDeleted' ? null : event.size,
    PreviousFolderPath: event.previousPath,
    PreviousFileName: event.previousPath === null ? null : basename(event.previousPath),
    ...initiatingColumns(proc),
    ReportId: reportId,
    AdditionalFields: additionalFields(proc),
  };
  return Object.fromEntries(FILE_COLUMNS.map(([name]) => [name, values[name] ?? null]));
}

function processRow(event, reportId) {
  const { host, proc } = event;
  const values = {
    Timestamp: iso(event.at),
    DeviceId: host.deviceId,
    DeviceName: host.fqdn,
    ActionType: 'ProcessCreated',
    FileName: proc.fileName,
    FolderPath: proc.image,
    SHA1: proc.sha1,
    SHA256: proc.sha256,
    MD5: proc.md5,
    FileSize: proc.size,
    ProcessId: proc.pid,
    ProcessCommandLine: proc.cmd,
    ProcessIntegrityLevel: null,
    ProcessTokenElevation: 'None',
    ProcessCreationTime: iso(proc.start),
    AccountDomain: host.fqdn,
    AccountName: proc.user,
    LogonId: proc.session.logonId,
    ...(proc.parent ? initiatingColumns(proc.parent) : {}),
    ReportId: reportId,
    AdditionalFields: JSON.stringify({
      ProcessPosixEffectiveUser: posixUser(proc.user, host),
      ProcessCurrentWorkingDirectory: proc.cwd,
      ProcessPosixProcessGroupId: proc.pid,
    }),
    CreatedProcessSessionId: null,
    IsProcessRemoteSession: false,
    ProcessUniqueId: proc.uniqueId,
  };
  return Object.fromEntries(PROCESS_COLUMNS.map(([name]) => [name, values[name] ?? null]));
}

/**
 * All Defender rows, each with its table and the service receive time of its streaming record. ReportId is
 * a per-device counter in event order (it repeats across devices, like MDE's).
 */
export function defenderRows(world) {
  const rows = [];
  const ordered = world.events
    .filter((e) => e.kind === 'process' || (e.kind === 'file' && e.host.defender !== false))
    .filter((e) => e.host.defender !== false)
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const counters = new Map(world.hosts.map((h) => [h, h.reportIdBase]));
  for (const event of ordered) {
    const reportId = counters.get(event.host) + world.rng.int(1, 9);
    counters.set(event.host, reportId);
    const table = event.kind === 'file' ? 'DeviceFileEvents' : 'DeviceProcessEvents';
    const row = event.kind === 'file' ? fileRow(event, reportId) : processRow(event, reportId);
    // Streaming delivery trails the event by seconds to tens of minutes, never after the export instant.
    let arrival = event.at + BigInt(world.rng.int(4, 1500)) * TICKS_PER_SECOND + BigInt(world.rng.int(0, 9_999_999));
    if (arrival > world.now) arrival = world.now - BigInt(world.rng.int(1, 50_000));
    rows.push({ table, row, event, arrival });
  }
  return rows;
}

/** §3(b) Storage form: one record per line, arrival order, tables interleaved, last line without newline. */
export function streamingJsonl(rows, { tenantId, machineGroup = 'UnassignedGroup' }) {
  const sorted = [...rows].sort((a, b) => (a.arrival < b.arrival ? -1 : a.arrival > b.arrival ? 1 : 0));
  const lines = sorted.map(({ table, row, arrival }) => {
    // Real records (Elastic fixture) list properties alphabetically and add MachineGroup.
    const properties = Object.fromEntries(
      Object.entries({ ...row, MachineGroup: machineGroup }).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    );
    return JSON.stringify({
      time: isoTicks(arrival),
      tenantId,
      category: `AdvancedHunting-${table}`,
      operationName: 'Publish',
      properties,
    });
  });
  return lines.join('\n');
}

/** RFC 4180 as the portal writes it: quote only when the value has a comma, a quote or a line break. */
function csvField(value) {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? value : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** §3(a) portal export of `DeviceFileEvents | sort by Timestamp desc`: full header, no final line break. */
export function portalCsv(rows) {
  const fileRows = rows
    .filter((r) => r.table === 'DeviceFileEvents')
    .sort((a, b) => (a.event.at > b.event.at ? -1 : a.event.at < b.event.at ? 1 : 0));
  const header = FILE_COLUMNS.map(([name]) => name).join(',');
  const body = fileRows.map(({ row }) => FILE_COLUMNS.map(([name]) => csvField(row[name])).join(','));
  return [header, ...body].join('\n');
}
