/**
 * Reads the differential corpus (`corpus/*.kql`). The record format is described in README.md:
 * a line starting with `//#` opens a record (`//# <name> [-- note]`), and every line up to the
 * next header is the query. Text before the first header is a file comment.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface CorpusEntry {
  /** `<file stem>/<name>`, unique across the corpus; used as the key of oracle.json. */
  id: string;
  file: string;
  /** Free text after ` -- ` in the header (for non-gating records: why they diverge). */
  note: string;
  /** The exact query text handed to both front ends. */
  query: string;
  /** False for records of NON_GATING_FILES: reported, never asserted. */
  gating: boolean;
}

export const CORPUS_DIR = fileURLToPath(new URL('./corpus/', import.meta.url));

/**
 * Files holding points where kql-replay deliberately departs from Kusto.Language
 * (kql-semantics.md §8) or that the subset leaves optional; their agreement is printed only.
 */
export const NON_GATING_FILES: readonly string[] = ['divergent.kql', 'keyword-matrix-divergent.kql', 'type-matrix-divergent.kql'];

const HEADER = /^\/\/#\s*(\S+)\s*(?:--\s*(.*))?$/;
/** `{{U+00A0}}` writes a character that would be invisible or ambiguous in the file. */
const ESCAPE = /\{\{U\+([0-9A-Fa-f]{4,6})\}\}/g;

export function parseCorpusFile(file: string, text: string, gating = true): CorpusEntry[] {
  const stem = basename(file).replace(/\.kql$/, '');
  const entries: CorpusEntry[] = [];
  let current: { name: string; note: string; lines: string[] } | undefined;
  const flush = (): void => {
    if (!current) return;
    const lines = [...current.lines];
    while (lines.length > 0 && lines[0]!.trim() === '') lines.shift();
    while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
    const query = lines.join('\n').replace(ESCAPE, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)));
    entries.push({ id: `${stem}/${current.name}`, file: basename(file), note: current.note, query, gating });
  };
  for (const line of text.split('\n')) {
    const header = HEADER.exec(line);
    if (header) {
      flush();
      current = { name: header[1]!, note: (header[2] ?? '').trim(), lines: [] };
    } else if (current) {
      current.lines.push(line);
    }
  }
  flush();
  return entries;
}

/** Every record of every corpus file, files in name order, records in file order. */
export function loadCorpus(dir: string = CORPUS_DIR): CorpusEntry[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.kql')).sort();
  const entries = files.flatMap((f) =>
    parseCorpusFile(f, readFileSync(join(dir, f), 'utf8'), !NON_GATING_FILES.includes(f)),
  );
  const seen = new Set<string>();
  for (const e of entries) {
    if (seen.has(e.id)) throw new Error(`duplicate corpus id ${e.id}`);
    if (e.query === '' && !e.note.includes('empty')) throw new Error(`corpus record ${e.id} has no query`);
    seen.add(e.id);
  }
  return entries;
}
