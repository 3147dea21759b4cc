import { createHash } from 'node:crypto';
import { formatDatetime } from '@kqlr/common';

/**
 * One result row in canonical form: Timestamp as Kusto's 7-digit ISO text, strings ("" for
 * missing), booleans. Contenders convert their native rows to this so results compare exactly.
 */
export type CanonicalRow = readonly [string, string, string, string, string, string, string, string, string, boolean, boolean];

export interface ResultDigest {
  count: number;
  /** sha256 of the JSON text of every row, rows sorted, one per line. */
  hash: string;
  /** Count of rows whose order contradicts `sort by Timestamp desc`. */
  orderViolations: number;
}

export function canonicalRow(
  timestampTicks: bigint, deviceName: string | null, accountName: string | null, actionType: string | null,
  folderPath: string | null, fileName: string | null, processFileName: string | null, commandLine: string | null,
  processAccountName: string | null, isUserLevel: boolean, isSuspicious: boolean,
): CanonicalRow {
  return [
    formatDatetime(timestampTicks), deviceName ?? '', accountName ?? '', actionType ?? '', folderPath ?? '',
    fileName ?? '', processFileName ?? '', commandLine ?? '', processAccountName ?? '', isUserLevel, isSuspicious,
  ];
}

export function digestRows(rows: readonly CanonicalRow[]): ResultDigest {
  let orderViolations = 0;
  for (let i = 1; i < rows.length; i++) if (rows[i - 1]![0] < rows[i]![0]) orderViolations += 1;
  const lines = rows.map((r) => JSON.stringify(r)).sort();
  const hash = createHash('sha256').update(lines.join('\n')).digest('hex');
  return { count: rows.length, hash, orderViolations };
}

/** Same rows in the same order (for repeated executions of one contender). */
export function sameRows(a: readonly CanonicalRow[], b: readonly CanonicalRow[]): boolean {
  const x = digestRows(a);
  const y = digestRows(b);
  return x.count === y.count && x.hash === y.hash;
}
