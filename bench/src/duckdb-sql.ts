import { BENCH_SCHEMA } from './columns.js';
import type { KqlType } from '@kqlr/common';

/** SQL string literal. */
export function sqlString(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

const DUCK_TYPES: Partial<Record<KqlType, string>> = { long: 'BIGINT', int: 'INTEGER', bool: 'BOOLEAN' };

/** read_json/read_csv `columns=` struct for the bench schema; datetimes stay text and are cast later. */
export function duckColumnsSpec(): string {
  return `{${BENCH_SCHEMA.columns.map((c) => `${c.name}: '${DUCK_TYPES[c.type] ?? 'VARCHAR'}'`).join(', ')}}`;
}

export function duckStructType(): string {
  return `STRUCT(${BENCH_SCHEMA.columns.map((c) => `${c.name} ${DUCK_TYPES[c.type] ?? 'VARCHAR'}`).join(', ')})`;
}

/** Columns of a relation with Timestamp cast to TIMESTAMP_NS: 100 ns ticks need more than DuckDB's µs TIMESTAMP. */
export function typedSelect(prefix = ''): string {
  return BENCH_SCHEMA.columns
    .map((c) => (c.type === 'datetime' ? `CAST(${prefix}${c.name} AS TIMESTAMP_NS) AS ${c.name}` : `${prefix}${c.name} AS ${c.name}`))
    .join(', ');
}

const TERM = /[A-Za-z0-9]/;

function re2Escape(text: string): string {
  return text.replace(/[\\^$.|?*+()[\]{}-]/g, (c) => `\\${c}`);
}

/** `col contains needle`: case-insensitive substring, no term boundaries. */
export function containsPredicate(col: string, needle: string): string {
  return `contains(lower(${col}), ${sqlString(needle.toLowerCase())})`;
}

/**
 * `col has needle` per kql-semantics.md §5.3, case-insensitive. A needle edged by punctuation on
 * both sides is a plain case-insensitive substring test; an edge that is a term character
 * ([A-Za-z0-9]) must sit at the string's end or next to a non-term character. Only the needle is
 * case-folded ((?i:...)) so the boundary classes stay ASCII.
 */
export function hasPredicate(col: string, needle: string): string {
  const head = TERM.test(needle[0] ?? '');
  const tail = TERM.test(needle[needle.length - 1] ?? '');
  if (!head && !tail) return containsPredicate(col, needle);
  const pattern = `${head ? '(^|[^A-Za-z0-9])' : ''}(?i:${re2Escape(needle)})${tail ? '($|[^A-Za-z0-9])' : ''}`;
  return `regexp_matches(${col}, ${sqlString(pattern)})`;
}

export function hasAnyPredicate(col: string, needles: readonly string[]): string {
  return `(${needles.map((n) => hasPredicate(col, n)).join(' OR ')})`;
}

/** A Sysmon `<Data Name="...">` value extracted from the XML text in `col`, XML entities decoded. */
export function sysmonDataSql(col: string, name: string): string {
  const raw = `regexp_extract(${col}, '<Data Name="${name}">([^<]*)</Data>', 1)`;
  // &amp; last, so "&amp;lt;" decodes to "&lt;" as an XML parser would.
  return `replace(replace(replace(replace(replace(${raw}, '&lt;', '<'), '&gt;', '>'), '&quot;', '"'), '&apos;', ''''), '&amp;', '&')`;
}
