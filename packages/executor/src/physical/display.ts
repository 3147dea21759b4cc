import { formatDatetime, formatTimespan, type KqlType, type ScalarValue } from '@kqlr/common';

/** KQL-like text for a literal in plan printouts: `"x"`, `datetime(...)`, `1h` forms, `long(null)`. */
export function displayLiteral(type: KqlType, value: ScalarValue): string {
  if (value === null) return type === 'string' ? '""' : `${type}(null)`;
  switch (type) {
    case 'string':
      return JSON.stringify(value);
    case 'datetime':
      return typeof value === 'bigint' ? `datetime(${formatDatetime(value)})` : String(value);
    case 'timespan':
      return typeof value === 'bigint' ? `timespan(${formatTimespan(value)})` : String(value);
    case 'dynamic':
      return `dynamic(${JSON.stringify(value)})`;
    case 'guid':
      return `guid(${String(value)})`;
    case 'int':
      return `int(${String(value)})`;
    default:
      return typeof value === 'bigint' || typeof value === 'number' || typeof value === 'boolean'
        ? String(value)
        : JSON.stringify(value);
  }
}
