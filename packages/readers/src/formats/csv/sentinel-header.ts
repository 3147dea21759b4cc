/** Columns a Log Analytics export adds that are not part of the Defender schema (§3d). */
export const SENTINEL_EXTRA_COLUMNS: ReadonlySet<string> = new Set([
  'TenantId', 'TimeGenerated', 'SourceSystem', 'Type', 'MachineGroup', '_BilledSize', '_IsBillable', '_ResourceId',
]);

export interface SentinelColumn {
  name: string;
  /** `[Local Time]` suffix: values are in the exporter's zone. */
  local: boolean;
  /** `[UTC]` or `[Local Time]` suffix: a display-form datetime column. */
  zoned: boolean;
}

const SUFFIX_RE = /^(.*?)\s+\[(UTC|Local Time)\]$/;

export function parseSentinelHeader(name: string): SentinelColumn {
  const m = SUFFIX_RE.exec(name.trim());
  if (!m) return { name: name.trim(), local: false, zoned: false };
  return { name: m[1]!, local: m[2] === 'Local Time', zoned: true };
}

/** Whether a header row is a Log Analytics export rather than a Defender portal export. */
export function looksLikeSentinelHeader(fields: readonly string[]): boolean {
  return fields.some((f) => SUFFIX_RE.test(f.trim()) || f === 'TenantId' || f === 'TimeGenerated' || f === 'Type');
}
