import type { Data, Dictionary, Field, Int32, RecordBatch, Schema, Utf8 } from 'apache-arrow';
import { KQL_TYPE_METADATA_KEY, kqlFieldWith, type ColumnDef, type KqlType, type TableSchema } from '@kqlr/common/core';
import { Arrow } from './arrow-runtime.js';
import { CellError } from '../values/cell-error.js';
import { parseDatetimeText } from '../values/parse-datetime.js';
import {
  BoolBuilder, DICTIONARY_RESTART_SIZE, DictionaryBuilder, Float64Builder, Int32Builder, Int64Builder, Utf8Builder, type ColumnBuilder,
} from './column-builders.js';
import { isDictionaryColumn } from './dictionary-columns.js';
import { GrowingDictionary } from './growing-dictionary.js';

/** Dictionaries of one file, by column name: kept across batches so codes stay stable. */
export type FileDictionaries = Map<string, GrowingDictionary>;

const INTEGER_RE = /^[+-]?\d+$/;

/**
 * Builds RecordBatches of one table, typed by the catalog schema (never by the values). A record
 * is written with `set*` calls by schema column index, then `commitRow()` (unset columns become
 * null, or "" for strings) or `abortRow()` (the record was malformed). Columns outside the
 * projection are not built, except Timestamp, which is always read for the min/max statistics.
 */
export class BatchBuilder {
  readonly schema: TableSchema;
  private readonly builders: (ColumnBuilder | undefined)[];
  private readonly types: KqlType[];
  private readonly emitted: number[];
  private readonly arrowSchema: Schema;
  private readonly timestampIndex: number;
  private rowTicks: bigint | null = null;
  rows = 0;
  minTicks: bigint | null = null;
  maxTicks: bigint | null = null;

  constructor(schema: TableSchema, columns: readonly string[] | undefined, dictionaries: FileDictionaries) {
    this.schema = schema;
    this.types = schema.columns.map((c) => c.type);
    const wanted = columns === undefined ? undefined : new Set(columns);
    this.emitted = [];
    this.timestampIndex = schema.columns.findIndex((c) => c.name === 'Timestamp' && c.type === 'datetime');
    const fields: Field[] = [];
    this.builders = schema.columns.map((c, i) => {
      const emit = wanted === undefined || wanted.has(c.name);
      if (emit) {
        this.emitted.push(i);
        fields.push(fieldFor(c, i));
      }
      if (!emit && i !== this.timestampIndex) return undefined;
      return makeBuilder(c, i, dictionaries);
    });
    this.arrowSchema = new Arrow.Schema(fields, new Map(schema.name ? [['kql.table', schema.name]] : []));
  }

  /** Whether column `i` is read at all (callers may skip parsing the others). */
  wants(i: number): boolean {
    return this.builders[i] !== undefined;
  }

  /** The value is text from CSV/XML/etc.: parsed by the column's KQL type. Empty text is null. */
  setText(i: number, text: string): void {
    const b = this.col(i);
    if (b === undefined) return;
    switch (this.types[i]!) {
      case 'string':
        (b as Utf8Builder | DictionaryBuilder).append(text);
        return;
      case 'guid':
        if (text === '') b.appendNull();
        else (b as Utf8Builder).append(text);
        return;
      case 'dynamic':
        if (text === '') b.appendNull();
        else (b as Utf8Builder).append(compactJsonText(text));
        return;
      case 'datetime': {
        if (text === '') return b.appendNull();
        const t = parseDatetimeText(text);
        if (t === null) throw new CellError(`unparseable datetime ${quote(text)} in column ${this.schema.columns[i]!.name}`);
        return this.appendTicks(i, b as Int64Builder, t);
      }
      case 'timespan':
      case 'long': {
        if (text === '') return b.appendNull();
        if (!INTEGER_RE.test(text)) throw new CellError(`not a long: ${quote(text)} in column ${this.schema.columns[i]!.name}`);
        (b as Int64Builder).append(BigInt(text));
        return;
      }
      case 'int': {
        if (text === '') return b.appendNull();
        const v = Number(text);
        if (!INTEGER_RE.test(text) || v > 2147483647 || v < -2147483648) {
          throw new CellError(`not an int: ${quote(text)} in column ${this.schema.columns[i]!.name}`);
        }
        (b as Int32Builder).append(v);
        return;
      }
      case 'real':
      case 'decimal': {
        if (text === '') return b.appendNull();
        const v = Number(text);
        if (Number.isNaN(v) && text !== 'NaN') throw new CellError(`not a real: ${quote(text)} in column ${this.schema.columns[i]!.name}`);
        (b as Float64Builder).append(v);
        return;
      }
      case 'bool': {
        if (text === '') return b.appendNull();
        const l = text.toLowerCase();
        if (l === 'true' || l === '1') (b as BoolBuilder).append(true);
        else if (l === 'false' || l === '0') (b as BoolBuilder).append(false);
        else throw new CellError(`not a bool: ${quote(text)} in column ${this.schema.columns[i]!.name}`);
        return;
      }
    }
  }

  /** The value comes from JSON.parse: numbers stay numbers, objects become compact JSON text. */
  setJson(i: number, v: unknown): void {
    const b = this.col(i);
    if (b === undefined) return;
    if (v === null || v === undefined) return b.appendNull();
    const type = this.types[i]!;
    if (typeof v === 'string') {
      if (type === 'dynamic') (b as Utf8Builder).append(JSON.stringify(v));
      else if (type === 'string') (b as Utf8Builder | DictionaryBuilder).appendOwned(v);
      else this.setText(i, v);
      return;
    }
    switch (type) {
      case 'string':
      case 'guid':
      case 'dynamic':
        (b as Utf8Builder | DictionaryBuilder).append(typeof v === 'object' ? JSON.stringify(v) : String(v));
        return;
      case 'long':
      case 'timespan':
        if (typeof v === 'number' && Number.isInteger(v)) return (b as Int64Builder).append(BigInt(v));
        break;
      case 'int':
        if (typeof v === 'number' && Number.isInteger(v) && v >= -2147483648 && v <= 2147483647) {
          return (b as Int32Builder).append(v);
        }
        break;
      case 'real':
      case 'decimal':
        if (typeof v === 'number') return (b as Float64Builder).append(v);
        break;
      case 'bool':
        if (typeof v === 'boolean') return (b as BoolBuilder).append(v);
        break;
      case 'datetime':
        break;
    }
    throw new CellError(`${JSON.stringify(v).slice(0, 60)} is not a ${type} (column ${this.schema.columns[i]!.name})`);
  }

  setTicks(i: number, ticks: bigint | null): void {
    const b = this.col(i);
    if (b === undefined) return;
    if (ticks === null) b.appendNull();
    else this.appendTicks(i, b as Int64Builder, ticks);
  }

  setLong(i: number, v: bigint | null): void {
    const b = this.col(i);
    if (b === undefined) return;
    if (v === null) b.appendNull();
    else (b as Int64Builder).append(v);
  }

  private appendTicks(i: number, b: Int64Builder, t: bigint): void {
    b.append(t);
    if (i === this.timestampIndex) this.rowTicks = t;
  }

  /** Merges a Timestamp range computed elsewhere (columnar inputs bypass the row path). */
  observeTicks(min: bigint | null, max: bigint | null): void {
    if (min !== null && (this.minTicks === null || min < this.minTicks)) this.minTicks = min;
    if (max !== null && (this.maxTicks === null || max > this.maxTicks)) this.maxTicks = max;
  }

  /**
   * The builder of column `i`, padded with nulls up to the current row (columns a record leaves
   * unset are filled lazily, so committing a row costs O(1) instead of O(columns)); undefined when
   * the column is not built or was already set in this record (first value wins).
   */
  private col(i: number): ColumnBuilder | undefined {
    const b = this.builders[i];
    if (b === undefined) return undefined;
    const len = b.length;
    if (len === this.rows) return b;
    if (len > this.rows) return undefined;
    b.appendNulls(this.rows - len);
    return b;
  }

  commitRow(): void {
    this.rows++;
    const t = this.rowTicks;
    if (t !== null) {
      if (this.minTicks === null || t < this.minTicks) this.minTicks = t;
      if (this.maxTicks === null || t > this.maxTicks) this.maxTicks = t;
      this.rowTicks = null;
    }
  }

  abortRow(): void {
    for (const b of this.builders) if (b !== undefined) b.truncate(this.rows);
    this.rowTicks = null;
  }

  flush(): RecordBatch {
    for (const b of this.builders) if (b !== undefined && b.length < this.rows) b.appendNulls(this.rows - b.length);
    const children: Data[] = [];
    const flushed = this.builders.map((b) => b?.flush());
    for (const i of this.emitted) children.push(flushed[i]!);
    const length = this.rows;
    this.rows = 0;
    const struct = Arrow.makeData({ type: new Arrow.Struct(this.arrowSchema.fields), length, nullCount: 0, children });
    return new Arrow.RecordBatch(this.arrowSchema, struct);
  }
}

/**
 * The Arrow field of a column. Dictionary columns get the column's schema index as dictionary id,
 * so batches of different files (each with its own dictionaries) share one schema, which Arrow
 * IPC writers require (a new id per batch would start a new stream).
 */
function fieldFor(c: ColumnDef, index: number): Field {
  if (c.type !== 'string' || !isDictionaryColumn(c.name)) return kqlFieldWith(Arrow, c);
  return new Arrow.Field(c.name, new Arrow.Dictionary(new Arrow.Utf8(), new Arrow.Int32(), index), true, new Map([[KQL_TYPE_METADATA_KEY, c.type]]));
}

function makeBuilder(c: ColumnDef, index: number, dictionaries: FileDictionaries): ColumnBuilder {
  switch (c.type) {
    case 'string': {
      if (!isDictionaryColumn(c.name)) return new Utf8Builder(false);
      let d = dictionaries.get(c.name);
      if (d === undefined) dictionaries.set(c.name, (d = new GrowingDictionary()));
      const type = fieldFor(c, index).type as Dictionary<Utf8, Int32>;
      return new DictionaryBuilder(d, (fresh) => dictionaries.set(c.name, fresh), DICTIONARY_RESTART_SIZE, type);
    }
    case 'guid':
    case 'dynamic':
      return new Utf8Builder(true);
    case 'long':
    case 'datetime':
    case 'timespan':
      return new Int64Builder();
    case 'int':
      return new Int32Builder();
    case 'real':
    case 'decimal':
      return new Float64Builder();
    case 'bool':
      return new BoolBuilder();
  }
}

function compactJsonText(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    return JSON.stringify(text);
  }
}

function quote(s: string): string {
  return JSON.stringify(s.length > 60 ? s.slice(0, 60) + '...' : s);
}
