import type { ScanOptions } from '@kqlr/common';

/**
 * Optional hints a caller may add to `scan()` options (beyond the common ScanOptions contract).
 *
 * `textNeedles`: the query can only match records whose text contains at least one of these
 * strings, compared case-insensitively (e.g. the needles of a top-level `FolderPath has_any (...)`
 * conjunct; performance-notes §2.2). The reader may then skip a record without parsing it when its
 * raw text holds none of them, also in escaped form. Supported for JSON Lines; other formats
 * ignore it. Skipped records are not checked, so malformed records among them are not reported
 * and the Timestamp range covers parsed records only.
 */
export interface ReaderScanOptions extends ScanOptions {
  textNeedles?: readonly string[];
}

/** A raw-text test for JSON Lines, or undefined when every line must be parsed. */
export function jsonLinePrefilter(needles: readonly string[] | undefined): ((line: string) => boolean) | undefined {
  if (needles === undefined || needles.length === 0) return undefined;
  // Each needle as it may appear inside a JSON string: raw, and with JSON escaping (\\ and \").
  const forms = [...new Set(needles.flatMap((n) => {
    const lower = n.toLowerCase();
    return [lower, JSON.stringify(lower).slice(1, -1)];
  }))];
  return (line: string): boolean => {
    // \u escapes and \/ can hide any character of a needle: such lines are always parsed.
    if (line.includes('\\u') || line.includes('\\/')) return true;
    const lower = line.toLowerCase();
    for (const f of forms) if (lower.includes(f)) return true;
    return false;
  };
}
