import { TICKS_PER_DAY, parseIsoDatetime } from '@kqlr/common';
import { containsCi, endsWithCi, hasAny } from '../kql-strings.js';
import { canonicalRow, type CanonicalRow } from '../result.js';
import { ACTION_TYPES, SUSPICIOUS_SERVICE_NAMES, SYSTEMD_SERVICE_PATHS } from '../rule.js';

/** A DeviceFileEvents row as JSON.parse returns it (absent and null values possible). */
export type JsonRow = Record<string, unknown>;

const str = (v: unknown): string => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));

/**
 * Detection 1 on one object, in the rule's order of operators. Strings are "" when missing (KQL
 * strings have no null); an unparseable or missing Timestamp is null, and `null > x` drops the row.
 */
export class NaiveDetection {
  private readonly cutoff: bigint;
  private readonly matches: { ticks: bigint; row: CanonicalRow }[] = [];

  constructor(nowTicks: bigint) {
    this.cutoff = nowTicks - TICKS_PER_DAY;
  }

  offer(r: JsonRow): void {
    const ticks = typeof r['Timestamp'] === 'string' ? parseIsoDatetime(r['Timestamp']) : null;
    if (ticks === null || !(ticks > this.cutoff)) return;
    const action = str(r['ActionType']);
    if (!(ACTION_TYPES as readonly string[]).includes(action)) return;
    const folderPath = str(r['FolderPath']);
    if (!hasAny(folderPath, SYSTEMD_SERVICE_PATHS)) return;
    const fileName = str(r['FileName']);
    if (!endsWithCi(fileName, '.service')) return;
    const account = str(r['InitiatingProcessAccountName']);
    this.matches.push({
      ticks,
      row: canonicalRow(
        ticks, str(r['DeviceName']), account, action, folderPath, fileName, str(r['InitiatingProcessFileName']),
        str(r['InitiatingProcessCommandLine']), account, containsCi(folderPath, '.config/systemd/user'),
        hasAny(fileName, SUSPICIOUS_SERVICE_NAMES),
      ),
    });
  }

  /** `sort by Timestamp desc`. */
  result(): CanonicalRow[] {
    return this.matches.sort((a, b) => (a.ticks < b.ticks ? 1 : a.ticks > b.ticks ? -1 : 0)).map((m) => m.row);
  }
}
