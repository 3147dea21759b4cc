/** One initiating process as the synthetic hosts run it; shared by the file events it causes. */
export interface SynthProcess {
  /** Sysmon ProcessGuid, braced. */
  guid: string;
  pid: number;
  image: string;
  fileName: string;
  /** null when the process has no known command line (Defender streams null, CSV an empty field). */
  commandLine: string | null;
  /** Empty string when the uid has no passwd entry. */
  user: string;
  creationTicks: bigint;
  parentPid: number;
  parentImage: string;
  parentCommandLine: string;
  /** Set once the Sysmon writer has emitted this process's EventID 1 line. */
  announced: boolean;
}

export interface SynthHost {
  /** Lower-case FQDN, the Defender DeviceName convention on Linux. */
  fqdn: string;
  /** Short host name: Sysmon's Computer (gethostname()). */
  short: string;
  deviceId: string;
  /** Sysmon EventRecordID counter (per host). */
  recordId: number;
  /** Sysmon machine part of ProcessGuid. */
  machineGuidPart: string;
}

/** One DeviceFileEvents row of the 15 bench columns, plus the provenance the Sysmon writer needs. */
export interface FileEventRow {
  timestamp: bigint;
  /** `timestamp` as Kusto's 7-digit ISO text, formatted once for every writer. */
  timestampText: string;
  /** The row's JSON properties text, memoised by the first JSON writer. */
  json?: string;
  deviceId: string;
  deviceName: string;
  actionType: string;
  fileName: string;
  folderPath: string;
  sha1: string | null;
  fileSize: number | null;
  accountDomain: string;
  accountName: string;
  processFileName: string;
  processFolderPath: string;
  processId: number;
  processCommandLine: string | null;
  reportId: number;
  host: SynthHost;
  process: SynthProcess;
}
