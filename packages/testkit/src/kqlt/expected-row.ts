import { parseIsoDatetime, parseTimespanText, type DynamicValue } from '@kqlr/common';
import { canonicalJson, renderReal, renderString, renderValue } from './render-value.js';
import type { TypeLetter } from './type-letters.js';

export type ExpectedRowResult = { ok: true; cells: string[] } | { ok: false; error: string };

/**
 * Reads one expected row (values separated by spaces, read column by column as the type letters
 * say) and returns each value's canonical text (render-value.ts), so it compares with the rendered
 * engine output. A string with spaces is a JSON string literal; a dynamic is a JSON value.
 */
export function parseExpectedRow(line: string, letters: readonly TypeLetter[]): ExpectedRowResult {
  const cells: string[] = [];
  let pos = 0;
  for (let col = 0; col < letters.length; col++) {
    while (pos < line.length && line[pos] === ' ') pos++;
    if (pos >= line.length) return { ok: false, error: `expected ${letters.length} values, found ${col}` };
    const letter = letters[col]!;
    const token = letter === 'Y' && !line.startsWith('NULL', pos) ? readJsonValue(line, pos) : readToken(line, pos);
    if ('error' in token) return { ok: false, error: `column ${col + 1}: ${token.error}` };
    const cell = canonicalCell(token.text, letter);
    if (cell === null) return { ok: false, error: `column ${col + 1}: ${JSON.stringify(token.text)} is not a valid ${letter} value` };
    cells.push(cell);
    pos = token.end;
    if (pos < line.length && line[pos] !== ' ') return { ok: false, error: `column ${col + 1}: junk after value` };
  }
  if (line.slice(pos).trim() !== '') return { ok: false, error: `more than ${letters.length} values` };
  return { ok: true, cells };
}

type Token = { text: string; end: number } | { error: string };

function readToken(line: string, start: number): Token {
  if (line[start] === '"') return readJsonString(line, start);
  let end = start;
  while (end < line.length && line[end] !== ' ') end++;
  return { text: line.slice(start, end), end };
}

function readJsonString(line: string, start: number): Token {
  let i = start + 1;
  while (i < line.length && line[i] !== '"') i += line[i] === '\\' ? 2 : 1;
  if (i >= line.length) return { error: 'unterminated string' };
  return { text: line.slice(start, i + 1), end: i + 1 };
}

/** A JSON value starting at `start`: a string, a bracketed value, or a bare scalar. */
function readJsonValue(line: string, start: number): Token {
  const first = line[start];
  if (first === '"') return readJsonString(line, start);
  if (first !== '[' && first !== '{') return readToken(line, start);
  let depth = 0;
  let i = start;
  while (i < line.length) {
    const c = line[i]!;
    if (c === '"') {
      const s = readJsonString(line, i);
      if ('error' in s) return s;
      i = s.end;
      continue;
    }
    if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') {
      depth--;
      if (depth === 0) return { text: line.slice(start, i + 1), end: i + 1 };
    }
    i++;
  }
  return { error: 'unbalanced brackets' };
}

function canonicalCell(text: string, letter: TypeLetter): string | null {
  if (text === 'NULL') return 'NULL';
  switch (letter) {
    case 'B':
      return text === 'true' || text === 'false' ? text : null;
    case 'I':
    case 'L':
      return /^-?\d+$/.test(text) ? BigInt(text).toString() : null;
    case 'R': {
      if (text === 'NaN' || text === 'Infinity' || text === '-Infinity') return text;
      if (!/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(text)) return null;
      return renderReal(Number(text));
    }
    case 'S':
    case '?':
      return canonicalString(text);
    case 'D': {
      const ticks = parseIsoDatetime(text);
      return ticks === null ? null : renderValue(ticks, 'D');
    }
    case 'T': {
      const ticks = parseTimespanText(text);
      return ticks === null ? null : renderValue(ticks, 'T');
    }
    case 'G':
      return text.toLowerCase();
    case 'Y': {
      try {
        return canonicalJson(JSON.parse(text) as DynamicValue);
      } catch {
        return null;
      }
    }
  }
}

function canonicalString(text: string): string | null {
  if (text === '(empty)') return renderString('');
  if (!text.startsWith('"')) return renderString(text);
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'string' ? renderString(parsed) : null;
  } catch {
    return null;
  }
}
