import { formatDatetime, formatTimespan, type KqlType, type ScalarValue } from '@kqlr/common';

/**
 * The text of one value as Kusto's `tostring()` writes it (kql-semantics.md §2.1): datetimes in
 * ISO form with 7 digits, timespans in the constant form, dynamic as compact JSON, null as "".
 * Used by the table and CSV outputs, where a cell is text.
 */
export function cellText(value: ScalarValue, type: KqlType): string {
  if (value === null || value === undefined) return '';
  switch (type) {
    case 'datetime':
      return typeof value === 'bigint' ? formatDatetime(value) : String(value);
    case 'timespan':
      return typeof value === 'bigint' ? formatTimespan(value) : String(value);
    case 'dynamic':
      return typeof value === 'string' ? value : JSON.stringify(value);
    case 'bool':
      return value ? 'true' : 'false';
    default:
      return String(value);
  }
}
