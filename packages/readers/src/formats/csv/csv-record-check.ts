import type { KqlType, TableSchema } from '@kqlr/common';
import type { BatchBuilder } from '../../arrow/batch-builder.js';
import type { SkippedUnitCheck } from '../../io/needle-lines.js';
import { acceptsAnything, datetimeTicksOfBytes, isIntegerText, textAccepted } from '../../scan/cell-check.js';
import { SkippedTally } from '../../scan/skipped-tally.js';
import { csvRecordsOfText, isBlankRecord } from './csv-parser.js';

const QUOTE = 34;
const COMMA = 44;
const CR = 13;

/**
 * Checks a Defender portal CSV record line the raw-text prefilter skips, on its raw bytes: accepts
 * it only when readDefenderCsv would read it without a report (RFC 4180 quoting as csv-parser.ts
 * reads it, the header's field count, and setText's rules for the built non-string columns), and
 * tallies the row it would have built. A line it cannot vouch for (a broken quote, a wrong field
 * count, a lone CR, a value the builder might reject) goes to the full parse, which reports it.
 *
 * The header comes from the kept units (`kept`), read as the reader reads it: the first non-blank
 * record, each name trimmed and looked up in the schema; a column named twice is set by its first
 * field only.
 */
export class CsvRecordCheck implements SkippedUnitCheck {
  readonly tally = new SkippedTally();
  private width = -1;
  /** Per field: the schema index whose value setText checks, else -1. */
  private checkedColumn: Int32Array = new Int32Array(0);
  private readonly types: KqlType[];
  private readonly timestampIndex: number;

  constructor(
    private readonly schema: TableSchema,
    private readonly builder: BatchBuilder,
  ) {
    this.types = schema.columns.map((c) => c.type);
    this.timestampIndex = schema.columns.findIndex((c) => c.name === 'Timestamp' && c.type === 'datetime');
  }

  kept(text: string): void {
    if (this.width >= 0) return;
    const rec = csvRecordsOfText(text, 1)[0];
    if (rec === undefined || isBlankRecord(rec)) return;
    // A broken header stops the reader (InputError); nothing here is accepted then.
    if (rec.error !== undefined) {
      this.width = 0;
      return;
    }
    const names = this.schema.columns.map((c) => c.name);
    const set = new Set<number>();
    this.width = rec.fields.length;
    this.checkedColumn = Int32Array.from(rec.fields, (h) => {
      const col = names.indexOf(h.trim());
      if (col < 0 || set.has(col)) return -1;
      set.add(col);
      return this.builder.wants(col) && !acceptsAnything(this.types[col]!) ? col : -1;
    });
  }

  accepts(b: Uint8Array, start: number, end: number): boolean {
    const width = this.width;
    if (width <= 0) return false;
    // An empty line is a blank record: skipped unless the header has one column (then it is a row).
    if (start === end) return width !== 1;
    let ticks: bigint | null = null;
    let field = 0;
    let p = start;
    for (;;) {
      if (field >= width) return false;
      let vs: number;
      let ve: number;
      let doubled = false;
      if (p < end && b[p] === QUOTE) {
        vs = p + 1;
        let q = vs;
        for (;;) {
          while (q < end && b[q] !== QUOTE) q++;
          if (q >= end) return false; // unterminated: the full parse reports it
          if (q + 1 < end && b[q + 1] === QUOTE) {
            doubled = true;
            q += 2;
            continue;
          }
          break;
        }
        ve = q;
        p = q + 1;
        if (p < end && b[p] !== COMMA) return false; // text after the closing quote, or a lone CR
      } else {
        vs = p;
        while (p < end) {
          const c = b[p]!;
          if (c === COMMA) break;
          // A lone CR ends a record in the last line of a text: left to the full parse.
          if (c === CR) return false;
          p++;
        }
        ve = p;
      }
      const col = this.checkedColumn[field]!;
      if (col >= 0) {
        if (vs !== ve) {
          // `""` in a checked value (never in the values exports write there): left to the full parse.
          if (doubled) return false;
          const t = this.cellTicks(col, b, vs, ve);
          if (t === false) return false;
          if (col === this.timestampIndex) ticks = t;
        }
      }
      field++;
      if (p >= end) break;
      p++; // the comma
      if (p >= end) {
        // A trailing comma: one more, empty field.
        if (field >= width) return false;
        field++;
        break;
      }
    }
    if (field !== width) return false;
    this.tally.row(ticks);
    return true;
  }

  /** setText's verdict on a non-empty unquoted value: false = rejected/unsure, else its ticks (datetime) or null. */
  private cellTicks(col: number, b: Uint8Array, start: number, end: number): bigint | null | false {
    const type = this.types[col]!;
    if (type === 'datetime') return datetimeTicksOfBytes(b, start, end) ?? false;
    if (type === 'long' || type === 'timespan') return isIntegerText(b, start, end) ? null : false;
    return textAccepted(type, Buffer.from(b.buffer, b.byteOffset + start, end - start).toString('utf8')) ? null : false;
  }
}
