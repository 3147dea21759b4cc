import { formatDatetime, formatTimespan, type KqlType, type ScalarValue } from '@kqlr/common';

/**
 * `tostring(x)` (kql-semantics.md §2.1): null -> "" (strings have no null); datetime ->
 * `YYYY-MM-DDThh:mm:ss.fffffffZ`; timespan -> .NET constant form; dynamic -> compact JSON, except a
 * dynamic string, which is the string itself. bool -> "true"/"false" and reals in JS shortest
 * round-trip form (both UNCERTAIN in the spec). `type` disambiguates bigint ticks from longs.
 */
export function toKqlString(value: ScalarValue, type: KqlType | null): string {
  if (value === null || value === undefined) return '';
  switch (typeof value) {
    case 'string':
      return value;
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      if (type === 'datetime') return formatDatetime(value);
      if (type === 'timespan') return formatTimespan(value);
      return value.toString();
    case 'number':
      return numberToString(value);
    default:
      return JSON.stringify(value);
  }
}

function numberToString(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return 'Infinity';
  if (n === -Infinity) return '-Infinity';
  return String(n);
}
