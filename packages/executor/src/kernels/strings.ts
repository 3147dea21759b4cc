import type { DynamicValue, KqlType, ScalarValue } from '@kqlr/common';
import type { RE2JS } from 're2js';
import { convertTo } from './convert.js';
import { regexExtract } from './regex.js';
import { toKqlString } from './to-string.js';

/**
 * String functions of kql-semantics.md §6. Strings are never null: a null argument reads as "",
 * and a string result is never null.
 */

/** `strlen`: Unicode code points, not UTF-16 units (`strlen("😀") == 1`). */
export function strlen(s: string): bigint {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // A high surrogate followed by a low one is one code point.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return BigInt(n);
}

/** `strcat(a, ...)`: each argument converted with tostring (null -> ""). */
export function strcat(values: readonly ScalarValue[], types: readonly KqlType[]): string {
  let out = '';
  for (let i = 0; i < values.length; i++) out += toKqlString(values[i] ?? null, types[i] ?? null);
  return out;
}

/**
 * `split(s, delim [, index])`: a dynamic array of strings (`split("a__b", "_")` is
 * `["a","","b"]`, `split("", "_")` is `[""]`). With an index, a one-element array, or an empty
 * array when the index is out of range (negative indices count from the end).
 */
export function split(s: string, delimiter: string, index: ScalarValue | undefined): DynamicValue {
  const parts = delimiter === '' ? [s] : s.split(delimiter);
  if (index === undefined) return parts;
  if (index === null) return null;
  let i = Number(index);
  if (i < 0) i += parts.length;
  const part = parts[i];
  return part === undefined ? [] : [part];
}

/**
 * `extract(re, group, s [, typeof(T)])`: group 0 is the whole match. No match (or a group that did
 * not participate) gives null, which is "" for a string result; with a target type, the text is
 * converted and a failed conversion is null.
 */
export function extract(re: RE2JS, group: ScalarValue, s: string, resultType: KqlType): ScalarValue {
  if (group === null) return resultType === 'string' ? '' : null;
  const text = regexExtract(re, Number(group), s);
  if (text === null) return resultType === 'string' ? '' : null;
  return resultType === 'string' ? text : convertTo(resultType, text, 'string');
}
