import { DEFENDER_TABLES, type KqlType, type TableSchema } from '@kqlr/common/core';
import type { BatchBuilder } from '../../arrow/batch-builder.js';
import type { SkippedUnitCheck } from '../../io/needle-lines.js';
import { acceptsAnything, datetimeTicksOfBytes, isIntegerText, textAccepted } from '../../scan/cell-check.js';
import { ExportTimestamp } from '../../scan/export-timestamp.js';
import type { FileScanContext } from '../../scan/scan-context.js';
import { SkippedTally } from '../../scan/skipped-tally.js';
import { JsonBytes } from './json-bytes.js';
import {
  FLAT_ROW, JsonLineShape, JsonShapeBuilder, type JsonShapeHost, NO_MATCH, OTHER_TABLE, PROPERTIES_ROW, SLOT_ANY,
  SLOT_CHECKED, SLOT_TIMESTAMP, type ShapeOutcome, TICKS_BIGINT, TICKS_PARTS, UNKNOWN_TABLE,
} from './json-line-shape.js';
import { STREAMING_CATEGORY_PREFIX } from './json-record-router.js';

/** How a key is treated; columns are coded as their schema index (>= 0). */
const IGNORED = -1;
const CATEGORY = -2;
const PROPERTIES = -3;
/** Keys that route the record some other way (`records`, `results`, `tables`, `TimeGenerated`...). */
const UNSURE = -4;

interface KeyEntry {
  bytes: Uint8Array;
  code: number;
  next: KeyEntry | undefined;
}

/**
 * Checks a JSON line the raw-text prefilter skips, without decoding it: accepts it only when
 * JsonRecordRouter would route it without reporting anything, and then does what that route
 * leaves behind besides the row (the row's Timestamp for the time range, the record count, a
 * record of a table outside the catalog). The row itself is not needed: the query cannot match it.
 *
 * Mirrors route() for the line shapes exports write (a flat row, a Streaming API record with
 * `category` and `properties`); anything else (`records` batches, hunting API results, an array,
 * a duplicate checked key, an escape in a checked value) is "unsure" and the line is parsed the
 * full way, so the answer never depends on this file being complete.
 *
 * Which values can make a record malformed: only those of built columns (the scan's projection,
 * plus Timestamp) whose type is not string-like (BatchBuilder.setJson), and only the first value
 * a record gives each column.
 *
 * Speed: a line the general check accepted is remembered as a shape (json-line-shape.ts: its
 * bytes outside the values); the next lines are first matched against the last few shapes, one
 * pass of byte compares, and only lines no shape takes are walked the general way.
 */
export class JsonLineCheck implements SkippedUnitCheck, JsonShapeHost {
  /** Rows the full path would have built from the accepted lines. */
  readonly tally = new SkippedTally();

  private readonly p = new JsonBytes();
  private readonly keys = new Map<number, KeyEntry>();
  /** Per object level, the keys of the last line by member index (the guess for the next line). */
  private readonly lastKeys: KeyEntry[][] = [[], []];
  private readonly types: KqlType[];
  private readonly checked: boolean[];
  private readonly timestampIndex: number;
  private readonly index: Map<string, number>;
  private readonly indexCi: Map<string, number>;
  /** Per column, the serial of the object that last set it (first value wins, duplicates are unsure). */
  private readonly seenIn: Int32Array;
  private objectSerial = 0;
  private rowTicks: bigint | null = null;
  /** Shapes of accepted lines, most recent layouts (MAX_SHAPES), and the one that matched last. */
  private readonly shapes: JsonLineShape[] = [];
  private lastShape = 0;
  private nextShape = 0;
  private readonly ts = new ExportTimestamp();
  /** The run `b` read as latin1 for the shapes' RegExps (one run gives accepts() many lines). */
  private textOf: Uint8Array | undefined;
  private text = '';
  /** Shapes learned and lines they took: learning stops when layouts do not repeat. */
  private learned = 0;
  private matched = 0;
  private missed = 0;
  /** JsonShapeHost: the Timestamp ticks of the last checkedValue, and of the last general check. */
  ticks: bigint | null = null;
  private lineTicks: bigint | null = null;

  constructor(
    private readonly table: string,
    schema: TableSchema,
    builder: BatchBuilder,
    private readonly ctx: FileScanContext,
    /** As JsonRecordRouter's flatRowsAllowed. */
    private readonly flatRowsAllowed: boolean,
  ) {
    this.types = schema.columns.map((c) => c.type);
    this.checked = schema.columns.map((c, i) => builder.wants(i) && !acceptsAnything(c.type));
    this.timestampIndex = schema.columns.findIndex((c) => c.name === 'Timestamp' && c.type === 'datetime');
    this.index = new Map(schema.columns.map((c, i) => [c.name, i]));
    this.indexCi = new Map(schema.columns.map((c, i) => [c.name.toLowerCase(), i]));
    this.seenIn = new Int32Array(schema.columns.length).fill(-1);
  }

  accepts(b: Uint8Array, start: number, end: number): boolean {
    // Shapes read up to the line break at b[end] unchecked (see JsonLineShape).
    const stop = b[end];
    const shaped = stop === LF || stop === CR;
    const shapes = this.shapes;
    // Lines that fit none of the shapes pay for trying them all: when that is most lines, only
    // every 1024th line tries (the layouts may settle later in the file).
    const tryShapes = this.missed < 256 || this.missed < 4 * this.matched || (this.missed & 1023) === 0;
    if (shaped && shapes.length > 0 && tryShapes) {
      if (b !== this.textOf) {
        this.textOf = b;
        this.text = Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');
      }
      const text = this.text;
      for (let k = 0, i = this.lastShape; k < shapes.length; k++, i = i + 1 === shapes.length ? 0 : i + 1) {
        const shape = shapes[i]!;
        const r = shape.match(b, text, start, end, this, this.ts);
        if (r === NO_MATCH) continue;
        this.lastShape = i;
        this.matched++;
        const outcome = shape.outcome;
        if (outcome === FLAT_ROW || outcome === PROPERTIES_ROW) {
          if (r === TICKS_PARTS) this.tally.rowAt(this.ts.seconds, this.ts.fraction);
          else this.tally.row(r === TICKS_BIGINT ? this.ticks : null);
        } else if (outcome === UNKNOWN_TABLE) this.ctx.otherTable();
        return true;
      }
    }
    if (shapes.length > 0) this.missed++;
    const outcome = this.general(b, start, end);
    if (outcome === REJECT) return false;
    if (outcome === BLANK) return true;
    if (outcome === FLAT_ROW || outcome === PROPERTIES_ROW) this.tally.row(this.lineTicks);
    else if (outcome === UNKNOWN_TABLE) this.ctx.otherTable();
    // Every line of another layout costs a RegExp compile: not worth it when layouts do not repeat.
    if (shaped && tryShapes && (this.learned < 8 || this.matched > 16 * this.learned)) this.learn(b, start, end, outcome);
    return true;
  }

  /** JsonShapeHost: any JSON value, read by JsonBytes. */
  anyValue(b: Uint8Array, pos: number, end: number, depth: number): number {
    const p = this.p;
    p.reset(b, pos, end);
    return p.skipValue(depth) ? p.pos : -1;
  }

  /** JsonShapeHost: a built column's value, read by value() (a fresh object: no duplicate); sets ticks only for the Timestamp. */
  checkedValue(b: Uint8Array, pos: number, end: number, code: number, depth: number): number {
    const p = this.p;
    p.reset(b, pos, end);
    const v = this.value(code, ++this.objectSerial, depth);
    if (v === OK_TICKS) this.ticks = this.rowTicks;
    else if (v !== OK) return -1;
    return p.pos;
  }

  /**
   * In learn()'s walk of a line general() accepted: the key of member `index` at `level`, leaving
   * the parser at its value (blanks skipped: peek() moves past them).
   */
  private learnedMemberKey(level: number, index: number): number {
    const p = this.p;
    p.peek();
    const code = this.key(level, index);
    p.peek();
    p.pos++;
    p.peek();
    return code;
  }

  /** In learn()'s walk, after a member's value: past its `,` or `}`; true at the `}`. */
  private learnedObjectEnds(): boolean {
    const p = this.p;
    const c = p.peek();
    p.pos++;
    return c === 125;
  }

  /**
   * Remembers the layout of `b[start, end)`, a line general() routed as `outcome`: walks it again
   * (it is valid JSON of the shapes general() accepts) cutting literals at the values. The values
   * read for the row become typed slots: the top level of a flat row, `properties` of a record of
   * the scanned table; other values only need to be JSON (general() checks nothing else there).
   */
  private learn(b: Uint8Array, start: number, end: number, outcome: ShapeOutcome): void {
    const p = this.p;
    p.reset(b, start, end);
    const sb = new JsonShapeBuilder(b);
    let from = start;
    p.peek();
    p.pos++;
    if (p.peek() === 125) p.pos++;
    else {
      for (let m = 0; ; m++) {
        const code = this.learnedMemberKey(0, m);
        if (code === CATEGORY) p.skipValue(1);
        else if (code === PROPERTIES && outcome !== FLAT_ROW) {
          p.pos++;
          if (p.peek() === 125) p.pos++;
          else {
            for (let k = 0; ; k++) {
              const inner = this.learnedMemberKey(1, k);
              sb.literal(from, p.pos);
              sb.slot(outcome === PROPERTIES_ROW ? this.slotKind(inner) : SLOT_ANY, inner, 2, p.pos);
              p.skipValue(2);
              from = p.pos;
              if (this.learnedObjectEnds()) break;
            }
          }
        } else {
          sb.literal(from, p.pos);
          sb.slot(outcome === FLAT_ROW ? this.slotKind(code) : SLOT_ANY, code, 1, p.pos);
          p.skipValue(1);
          from = p.pos;
        }
        if (this.learnedObjectEnds()) break;
      }
    }
    sb.literal(from, end);
    const shape = sb.finish(outcome);
    if (shape === null) return;
    this.learned++;
    if (this.shapes.length < MAX_SHAPES) {
      this.lastShape = this.shapes.length;
      this.shapes.push(shape);
    } else {
      this.lastShape = this.nextShape;
      this.shapes[this.nextShape] = shape;
      this.nextShape = (this.nextShape + 1) % MAX_SHAPES;
    }
  }

  /** How a row value of key `code` is read: a built checked column is typed, the rest any JSON. */
  private slotKind(code: number): number {
    if (code < 0 || !this.checked[code]) return SLOT_ANY;
    return code === this.timestampIndex ? SLOT_TIMESTAMP : SLOT_CHECKED;
  }

  /**
   * The general check of a line: REJECT, BLANK, or how JsonRecordRouter would route it (its row's
   * Timestamp in lineTicks).
   */
  private general(b: Uint8Array, start: number, end: number): ShapeOutcome | typeof REJECT | typeof BLANK {
    if (isBlank(b, start, end)) return BLANK;
    const p = this.p;
    p.reset(b, start, end);
    if (p.peek() !== 123) return REJECT;
    // Outcome of the top level read as a flat row, and of `properties` read as the row.
    let flat = true;
    let flatTicks: bigint | null = null;
    let props = 0; // 0 absent, 1 an accepted object, 2 an object the builder might reject, -1 not an object
    let propsTicks: bigint | null = null;
    let category: string | null | undefined;
    const serial = ++this.objectSerial;
    let member = 0;
    p.pos++;
    if (p.peek() === 125) p.pos++;
    else {
      for (;;) {
        if (p.peek() !== 34) return REJECT;
        const code = this.key(0, member++);
        if (code === BAD_KEY || code === ESCAPED_KEY) return REJECT;
        if (p.peek() !== 58) return REJECT;
        p.pos++;
        if (code === UNSURE) return REJECT;
        if (code === CATEGORY) {
          if (category !== undefined) return REJECT;
          if (p.peek() === 34) {
            if (!p.string(false) || p.strEscaped) return REJECT;
            category = Buffer.from(b.buffer, b.byteOffset + p.strStart, p.strEnd - p.strStart).toString('utf8');
          } else {
            if (!p.skipValue(1)) return REJECT;
            category = null;
          }
        } else if (code === PROPERTIES) {
          if (props !== 0) return REJECT;
          if (p.peek() === 123) {
            const r = this.rowObject();
            if (r === FAIL) return REJECT;
            props = r === UNSURE_ROW ? 2 : 1;
            propsTicks = this.rowTicks;
          } else {
            if (!p.skipValue(1)) return REJECT;
            props = -1;
          }
        } else {
          const v = this.value(code, serial, 1);
          if (v === FAIL) return REJECT;
          if (v === UNSURE_ROW) flat = false;
          if (code === this.timestampIndex && v === OK_TICKS) flatTicks = this.rowTicks;
        }
        const c = p.peek();
        p.pos++;
        if (c === 125) break;
        if (c !== 44) return REJECT;
      }
    }
    if (p.peek() !== -1) return REJECT;
    if (category !== undefined || props !== 0) {
      // route(): `category` (a string) with an object `properties` is a Streaming API record.
      if (typeof category !== 'string' || props <= 0) return REJECT;
      const table = category.startsWith(STREAMING_CATEGORY_PREFIX) ? category.slice(STREAMING_CATEGORY_PREFIX.length) : category;
      if (table !== this.table) return table in DEFENDER_TABLES ? OTHER_TABLE : UNKNOWN_TABLE;
      if (props !== 1) return REJECT;
      this.lineTicks = propsTicks;
      return PROPERTIES_ROW;
    }
    if (!this.flatRowsAllowed || !flat) return REJECT;
    this.lineTicks = flatTicks;
    return FLAT_ROW;
  }

  /** The members of a row object at `pos` (its `{`): every checked column's first value accepted? */
  private rowObject(): number {
    const p = this.p;
    const serial = ++this.objectSerial;
    let ticks: bigint | null = null;
    let result = OK;
    let member = 0;
    p.pos++;
    if (p.peek() === 125) {
      p.pos++;
      this.rowTicks = null;
      return OK;
    }
    for (;;) {
      if (p.peek() !== 34) return FAIL;
      let code = this.key(1, member++);
      if (code === BAD_KEY) return FAIL;
      if (code === ESCAPED_KEY) code = UNSURE;
      // Inside `properties` only columns matter (route() writes the object as the row).
      if (code === CATEGORY || code === PROPERTIES) code = IGNORED;
      if (p.peek() !== 58) return FAIL;
      p.pos++;
      if (code === UNSURE) {
        if (!p.skipValue(2)) return FAIL;
        result = UNSURE_ROW;
      } else {
        const v = this.value(code, serial, 2);
        if (v === FAIL) return FAIL;
        if (v === UNSURE_ROW) result = UNSURE_ROW;
        if (code === this.timestampIndex && v === OK_TICKS) ticks = this.rowTicks;
      }
      const c = p.peek();
      p.pos++;
      if (c === 125) break;
      if (c !== 44) return FAIL;
    }
    this.rowTicks = ticks;
    return result;
  }

  /**
   * A member value at `pos` for key `code`. FAIL: not JSON; UNSURE_ROW: valid JSON, but the
   * builder might reject it (or this check cannot tell); OK / OK_TICKS (a Timestamp in rowTicks).
   */
  private value(code: number, serial: number, depth: number): number {
    const p = this.p;
    if (code < 0 || !this.checked[code]) return p.skipValue(depth) ? OK : FAIL;
    // The first value of a column is the one written; a second one is not checked by the builder,
    // but which is first depends on JSON.parse's key order: leave duplicates to the full parse.
    if (this.seenIn[code] === serial) return p.skipValue(depth) ? UNSURE_ROW : FAIL;
    this.seenIn[code] = serial;
    const type = this.types[code]!;
    const c = p.peek();
    if (c === 34) {
      if (!p.string(false)) return FAIL;
      if (p.strEscaped) return UNSURE_ROW;
      return this.textValue(code, type, p.b, p.strStart, p.strEnd);
    }
    if (c === 45 || (c >= 48 && c <= 57)) {
      const s = p.pos;
      const kind = p.number();
      if (kind === 0) return FAIL;
      if (type === 'real' || type === 'decimal') return OK;
      // setJson: long/timespan need Number.isInteger, int also its range; 310+ digits are Infinity.
      if ((type === 'long' || type === 'timespan') && kind === 1 && p.pos - s < 300) return OK;
      if (type === 'int' && kind === 1 && p.pos - s <= 11) {
        const v = Number(Buffer.from(p.b.buffer, p.b.byteOffset + s, p.pos - s).toString('latin1'));
        if (v >= -2147483648 && v <= 2147483647) return OK;
      }
      return UNSURE_ROW;
    }
    if (c === 123 || c === 91) return p.skipValue(depth) ? UNSURE_ROW : FAIL;
    const lit = p.literal();
    if (lit === 0) return FAIL;
    if (lit === 3) return OK; // null: every builder takes it
    return type === 'bool' ? OK : UNSURE_ROW;
  }

  /** A JSON string value without escapes for a checked column: setText's rules. */
  private textValue(code: number, type: KqlType, b: Uint8Array, start: number, end: number): number {
    if (start === end) return OK;
    if (type === 'datetime') {
      const t = datetimeTicksOfBytes(b, start, end);
      if (t === null) return UNSURE_ROW;
      if (code !== this.timestampIndex) return OK;
      this.rowTicks = t;
      return OK_TICKS;
    }
    if (type === 'long' || type === 'timespan') return isIntegerText(b, start, end) ? OK : UNSURE_ROW;
    const text = Buffer.from(b.buffer, b.byteOffset + start, end - start).toString('utf8');
    return textAccepted(type, text) ? OK : UNSURE_ROW;
  }

  /**
   * The code of the object key at `pos` (its opening quote), member `index` of an object at
   * `level` (0 the line's, 1 `properties`), or BAD_KEY / ESCAPED_KEY. Lines of one export repeat
   * their keys in the same order, so the key the previous line had at this place is tried first,
   * by comparing bytes: stored keys hold no escape, so their bytes and a closing quote are exactly
   * that key. Otherwise the key is read and looked up by hash.
   */
  private key(level: number, index: number): number {
    const p = this.p;
    const b = p.b;
    const start = p.pos + 1;
    const guess = this.lastKeys[level]![index];
    if (guess !== undefined) {
      const k = guess.bytes;
      const len = k.length;
      if (start + len < p.end && b[start + len] === 34) {
        let i = 0;
        while (i < len && b[start + i] === k[i]) i++;
        if (i === len) {
          p.pos = start + len + 1;
          return guess.code;
        }
      }
    }
    if (!p.string(true)) return BAD_KEY;
    if (p.strEscaped) return ESCAPED_KEY;
    const e = this.keyEntry(b, p.strStart, p.strEnd, p.strHash);
    this.lastKeys[level]![index] = e;
    return e.code;
  }

  /** The entry of the key in b[start, end): a small hash table over raw bytes, filled on first sight. */
  private keyEntry(b: Uint8Array, start: number, end: number, hash: number): KeyEntry {
    const len = end - start;
    for (let e = this.keys.get(hash); e !== undefined; e = e.next) {
      const k = e.bytes;
      if (k.length !== len) continue;
      let i = 0;
      while (i < len && k[i] === b[start + i]) i++;
      if (i === len) return e;
    }
    const bytes = new Uint8Array(len);
    bytes.set(b.subarray(start, end));
    const e: KeyEntry = { bytes, code: this.classify(Buffer.from(bytes.buffer, bytes.byteOffset, len).toString('utf8')), next: this.keys.get(hash) };
    this.keys.set(hash, e);
    return e;
  }

  private classify(key: string): number {
    if (key === 'category') return CATEGORY;
    if (key === 'properties') return PROPERTIES;
    const lower = key.toLowerCase();
    // route() looks these up (results/schema case-insensitively) before writing a flat row.
    if (key === 'records' || key === 'tables' || lower === 'results' || lower === 'schema' || lower === 'timegenerated') return UNSURE;
    const i = this.index.get(key) ?? this.indexCi.get(lower);
    return i === undefined ? IGNORED : i;
  }
}

const REJECT = 0;
const BLANK = -1;
const MAX_SHAPES = 8;
const LF = 10;
const CR = 13;
const FAIL = 0;
const OK = 1;
const BAD_KEY = -10;
const ESCAPED_KEY = -11;
const OK_TICKS = 2;
const UNSURE_ROW = 3;

function isBlank(b: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = b[i];
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}
