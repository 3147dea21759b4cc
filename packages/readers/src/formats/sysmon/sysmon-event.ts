/** One Sysmon record, independent of how it was shipped (syslog XML, XML document, Elastic JSON). */
export interface SysmonEvent {
  eventId: number;
  /** EventRecordID text (a per-host counter). */
  recordId: string;
  computer: string;
  /** `TimeCreated/@SystemTime` (fallback for UtcTime). */
  systemTime: string;
  /** `EventData/Data` values by `Name`, entities decoded. */
  data: Record<string, string>;
}

/** A record that could not be read, with the reason. */
export interface SysmonBroken {
  error: string;
}
