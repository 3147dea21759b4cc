import type { ExportTimestamp } from '../../scan/export-timestamp.js';

/** How a shape's value slot is read. */
/** Any JSON value: an ignored key, a column not built, or one whose builder takes anything. */
export const SLOT_ANY = 0;
/** The row's Timestamp (a built datetime column): checked, and read for the time range. */
export const SLOT_TIMESTAMP = 1;
/** Another built column whose builder checks the value's type (JsonShapeHost.checkedValue). */
export const SLOT_CHECKED = 2;

/** What a matched line leaves behind (JsonLineCheck does it). */
/** A flat row of the scanned table. */
export const FLAT_ROW = 1;
/** A Streaming API record of the scanned table (its row is `properties`). */
export const PROPERTIES_ROW = 2;
/** A Streaming API record of another catalog table. */
export const OTHER_TABLE = 3;
/** A Streaming API record of a table outside the catalog (counted). */
export const UNKNOWN_TABLE = 4;
export type ShapeOutcome = typeof FLAT_ROW | typeof PROPERTIES_ROW | typeof OTHER_TABLE | typeof UNKNOWN_TABLE;

/** match() results besides NO_MATCH: the row's Timestamp is where. */
export const NO_MATCH = 0;
export const NO_TICKS = 1;
/** In the ExportTimestamp given to match(). */
export const TICKS_PARTS = 2;
/** In JsonShapeHost.ticks (a value the general check read). */
export const TICKS_BIGINT = 3;

/** The general checks a shape hands the values it does not read itself to. */
export interface JsonShapeHost {
  /** Any JSON value at `pos` (nested `depth`): the position after it, or -1 when it is not JSON. */
  anyValue(b: Uint8Array, pos: number, end: number, depth: number): number;
  /**
   * The value at `pos` of built column `code`, as the general check reads it: the position after
   * it when the builder surely takes it, else -1. A Timestamp's ticks are then in `ticks` (left
   * as they were for other columns).
   */
  checkedValue(b: Uint8Array, pos: number, end: number, code: number, depth: number): number;
  ticks: bigint | null;
}

/**
 * The layout of a line the general check accepted, for lines of one export repeat it: every byte
 * outside the values (braces, keys, colons, commas, whitespace, and a Streaming API record's
 * `category` value) is a literal, every value a slot. A line matching the literals byte for byte,
 * with a valid JSON value in each slot, is the same object with other values, so the general
 * check would route it the same way (same keys in the same order, same category): only the values
 * of built, type-checked columns need reading, and they are read by the same rules.
 *
 * Why this is shaped so: a JavaScript loop over bytes is the slow part of checking a line (about
 * 5 us a line in the general check, still 2-3 us in a byte loop over the shape), while V8's
 * regular expressions run compiled to machine code. So the literals and the scalar values of slots
 * whose values nothing checks (strings, numbers, true/false/null, in JSON's grammar) are one sticky
 * RegExp per stretch, matched over the run's bytes read as latin1 (one character per byte: same
 * positions, and a byte >= 0x80 is taken as it is inside a string, as the general check does);
 * slots read in JavaScript cut the stretches: the row's Timestamp, other checked columns, and
 * values that were an object or array when the shape was learned.
 *
 * Reading stops at a line's end without bounds checks: the caller guarantees `b[end]` is a line
 * break (LF or CR), no literal holds one, and no string, number or literal matches one.
 */
export class JsonLineShape {
  constructor(
    readonly outcome: ShapeOutcome,
    /** Stretch i comes before JavaScript slot i; the last one ends the line. */
    private readonly stretches: RegExp[],
    private readonly kinds: Uint8Array,
    private readonly codes: Int32Array,
    private readonly depths: Uint8Array,
  ) {}

  /**
   * Whether the line `b[start, end)` has this layout with acceptable values, and where its
   * Timestamp is; `text` is `b` read as latin1.
   */
  match(b: Uint8Array, text: string, start: number, end: number, host: JsonShapeHost, ts: ExportTimestamp): number {
    const stretches = this.stretches;
    const n = this.kinds.length;
    let ticks = NO_TICKS;
    let p = start;
    for (let i = 0; ; i++) {
      const re = stretches[i]!;
      re.lastIndex = p;
      if (!re.test(text)) return NO_MATCH;
      p = re.lastIndex;
      if (i === n) break;
      const kind = this.kinds[i]!;
      if (kind === SLOT_TIMESTAMP && b[p] === QUOTE && b[p + 29] === QUOTE && ts.read(b, p + 1)) {
        p += 30;
        ticks = TICKS_PARTS;
        continue;
      }
      // Only the Timestamp's value sets ticks (other slots leave them), so the row's stay.
      if (kind === SLOT_TIMESTAMP) host.ticks = null;
      p = kind === SLOT_ANY ? host.anyValue(b, p, end, this.depths[i]!) : host.checkedValue(b, p, end, this.codes[i]!, this.depths[i]!);
      if (p < 0) return NO_MATCH;
      if (kind === SLOT_TIMESTAMP && host.ticks !== null) ticks = TICKS_BIGINT;
    }
    return p === end ? ticks : NO_MATCH;
  }
}

const QUOTE = 34;
const LF = 10;
const CR = 13;
const MAX_SLOTS = 1024;
const MAX_LITERAL = 64 * 1024;

/** JSON's scalars as RegExp source over latin1 text (no `\u` escape: the general check refuses it). */
const STRING = String.raw`"[^"\\\x00-\x1f]*(?:\\["\\/bfnrt][^"\\\x00-\x1f]*)*"`;
const NUMBER = String.raw`-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?`;
const STRING_FIRST = `(?:${STRING}|${NUMBER}|null|true|false)`;
const NUMBER_FIRST = `(?:${NUMBER}|${STRING}|null|true|false)`;

/** Collects a shape while a line is walked (JsonLineCheck.learn). */
export class JsonShapeBuilder {
  private source = '';
  private literalLength = 0;
  private readonly stretches: RegExp[] = [];
  private readonly kinds: number[] = [];
  private readonly codes: number[] = [];
  private readonly depths: number[] = [];
  /** False once the line holds something a shape cannot stand for (a line break in a literal). */
  private ok = true;

  constructor(private readonly b: Uint8Array) {}

  /** Literal bytes b[from, to), up to the next slot (or the line's end). */
  literal(from: number, to: number): void {
    const b = this.b;
    let src = '';
    for (let i = from; i < to; i++) {
      const c = b[i]!;
      if (c === LF || c === CR) this.ok = false;
      src += (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? String.fromCharCode(c) : `\\x${c.toString(16).padStart(2, '0')}`;
    }
    this.source += src;
    this.literalLength += to - from;
  }

  /**
   * A slot for the value at `at`: a slot that need only be JSON and was a scalar there is part of
   * the stretch (tried in the order of what it was), anything else is read in JavaScript.
   */
  slot(kind: number, code: number, depth: number, at: number): void {
    const c = this.b[at]!;
    if (kind === SLOT_ANY && c !== 123 && c !== 91) {
      this.source += c === QUOTE ? STRING_FIRST : NUMBER_FIRST;
      return;
    }
    this.stretches.push(new RegExp(this.source, 'y'));
    this.source = '';
    this.kinds.push(kind);
    this.codes.push(code);
    this.depths.push(depth);
  }

  finish(outcome: ShapeOutcome): JsonLineShape | null {
    if (!this.ok || this.kinds.length > MAX_SLOTS || this.literalLength > MAX_LITERAL) return null;
    this.stretches.push(new RegExp(this.source, 'y'));
    return new JsonLineShape(outcome, this.stretches, Uint8Array.from(this.kinds), Int32Array.from(this.codes), Uint8Array.from(this.depths));
  }
}
