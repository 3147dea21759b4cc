import { DEFENDER_TABLES, parseIsoDatetime, TYPE_NAME_ALIASES, type ColumnDef } from '@kqlr/common';
import { parseExpectedRow } from './expected-row.js';
import type { KqltFile, RecordOrigin, RunnableRecord, SortMode, TableRecord } from './kqlt-record.js';
import { parseTypeLetters } from './type-letters.js';

interface Line {
  line: number;
  text: string;
}

const SORT_MODES: readonly SortMode[] = ['nosort', 'rowsort', 'valuesort'];

/**
 * Reads a `.kqlt` file (format: test/conformance/README.md). Records are separated by blank
 * lines. Format mistakes never throw: they become `invalid` records, so they fail as tests.
 */
export function parseKqlt(text: string, file: string): KqltFile {
  const records: RunnableRecord[] = [];
  let now: bigint | undefined;
  const tables = new Map<string, TableRecord>();

  for (const block of splitBlocks(text)) {
    const comments: string[] = [];
    let i = 0;
    while (i < block.length && block[i]!.text.startsWith('#')) comments.push(block[i++]!.text.replace(/^#\s?/, ''));
    if (i === block.length) continue; // a comment-only block documents the file
    const origin = originOf(file, block[i]!.line, comments);
    let recordNow = now;
    const head = block[i]!.text;
    const keyword = head.split(' ', 1)[0];

    const invalid = (problem: string): void => {
      records.push({ ...origin, kind: 'invalid', problem });
    };

    if (keyword === 'now' && i === block.length - 1) {
      const parsed = parseNow(head);
      if (parsed === null) invalid(`bad now directive: ${head}`);
      else now = parsed;
      continue;
    }
    if (keyword === 'table') {
      const table = parseTable(origin, head, block.slice(i + 1));
      if (typeof table === 'string') invalid(table);
      else tables.set(table.name, table);
      continue;
    }
    // Record-local directives before the header.
    let bad = false;
    while (i < block.length && block[i]!.text.startsWith('now ')) {
      const parsed = parseNow(block[i]!.text);
      if (parsed === null) {
        invalid(`bad now directive: ${block[i]!.text}`);
        bad = true;
        break;
      }
      recordNow = parsed;
      i++;
    }
    if (bad) continue;
    if (i === block.length) {
      invalid('record has directives but no query or error header');
      continue;
    }
    const header = block[i]!;
    const context = { now: recordNow, tables: [...tables.values()] };
    const headerOrigin = { ...origin, line: header.line };
    if (origin.sources.length === 0) {
      records.push({ ...headerOrigin, kind: 'invalid', problem: 'record has no "# source:" comment' });
      continue;
    }
    const words = header.text.trim().split(/\s+/);
    const body = block.slice(i + 1);
    if (words[0] === 'error') {
      if (words.length !== 2) records.push({ ...headerOrigin, kind: 'invalid', problem: 'expected "error <code|any>"' });
      else if (body.length === 0) records.push({ ...headerOrigin, kind: 'invalid', problem: 'error record without a query' });
      else records.push({ ...headerOrigin, ...context, kind: 'error', code: words[1]!, query: joinLines(body) });
      continue;
    }
    if (words[0] === 'query') {
      records.push(parseQueryRecord(headerOrigin, words, body, context));
      continue;
    }
    records.push({ ...headerOrigin, kind: 'invalid', problem: `unknown record header: ${header.text}` });
  }
  return { file, records };
}

function parseQueryRecord(
  origin: RecordOrigin,
  words: string[],
  body: Line[],
  context: { now: bigint | undefined; tables: TableRecord[] },
): RunnableRecord {
  const invalid = (problem: string): RunnableRecord => ({ ...origin, kind: 'invalid', problem });
  if (words.length < 2 || words.length > 3) return invalid('expected "query <typeletters> [nosort|rowsort|valuesort]"');
  const letters = parseTypeLetters(words[1]!);
  if (letters === null) return invalid(`bad type letters: ${words[1]}`);
  const mode = (words[2] ?? 'nosort') as SortMode;
  if (!SORT_MODES.includes(mode)) return invalid(`bad sort mode: ${words[2]}`);
  const sep = body.findIndex((l) => l.text === '----');
  if (sep < 0) return invalid('query record without a ---- line');
  if (sep === 0) return invalid('query record without a query');
  const query = joinLines(body.slice(0, sep));
  const expected: string[][] = [];
  for (const row of body.slice(sep + 1)) {
    const parsed = parseExpectedRow(row.text, letters);
    if (!parsed.ok) return invalid(`line ${row.line}: ${parsed.error}`);
    expected.push(parsed.cells);
  }
  if (mode === 'nosort' && expected.length > 1 && !/\b(sort|order)\s+by\b|\btop\b/.test(query)) {
    return invalid('nosort with several rows needs a sort in the query (row order is unspecified otherwise)');
  }
  return { ...origin, ...context, kind: 'query', letters, sortMode: mode, query, expected };
}

/** `table Name [(col:type, ...)] [file <path>]`, then JSON-object rows (one per line) unless `file`. */
function parseTable(origin: RecordOrigin, head: string, body: Line[]): TableRecord | string {
  const m = /^table\s+([A-Za-z_][A-Za-z0-9_]*)\s*(?:\(([^)]*)\))?\s*(?:file\s+(\S+))?\s*$/.exec(head);
  if (!m) return `bad table header: ${head}`;
  const name = m[1]!;
  let columns: ColumnDef[];
  if (m[2] !== undefined) {
    columns = [];
    for (const part of m[2].split(',')) {
      const cm = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*:\s*([a-z0-9]+)\s*$/.exec(part);
      const type = cm ? TYPE_NAME_ALIASES[cm[2]!] : undefined;
      if (!cm || type === undefined) return `bad column declaration: ${part.trim()}`;
      columns.push({ name: cm[1]!, type });
    }
  } else {
    const known = DEFENDER_TABLES[name];
    if (known === undefined) return `table ${name} needs a schema: table ${name} (col:type, ...)`;
    columns = known.columns;
  }
  if (m[3] !== undefined) {
    if (body.length > 0) return 'a table read from a file has no inline rows';
    return { ...origin, kind: 'table', name, columns, rows: { kind: 'file', path: m[3] } };
  }
  return { ...origin, kind: 'table', name, columns, rows: { kind: 'inline', lines: body } };
}

function parseNow(text: string): bigint | null {
  const m = /^now\s+(\S+)\s*$/.exec(text);
  return m ? parseIsoDatetime(m[1]!) : null;
}

function originOf(file: string, line: number, comments: string[]): RecordOrigin {
  const sources = comments.filter((c) => /^source:/i.test(c)).map((c) => c.replace(/^source:\s*/i, ''));
  const title = comments.find((c) => !/^source:/i.test(c)) ?? '';
  return { file, line, title, sources };
}

function splitBlocks(text: string): Line[][] {
  const blocks: Line[][] = [];
  let current: Line[] = [];
  // A BOM or CRLF line ends from an editor must not leak into query text.
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  lines.forEach((raw, index) => {
    if (raw.trim() === '') {
      if (current.length > 0) blocks.push(current);
      current = [];
    } else {
      current.push({ line: index + 1, text: raw.replace(/\s+$/, '') });
    }
  });
  if (current.length > 0) blocks.push(current);
  return blocks;
}

function joinLines(lines: Line[]): string {
  return lines.map((l) => l.text).join('\n');
}
