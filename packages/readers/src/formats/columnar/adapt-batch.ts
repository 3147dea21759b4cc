import { Bool, DataType, Field, Float64, Int32, Int64, makeData, RecordBatch, Schema, Struct, Utf8, type Data } from 'apache-arrow';
import { kqlField, kqlTypeOfField, type KqlType, type TableSchema } from '@kqlr/common';
import { InputError } from '../../input-error.js';
import { BatchBuilder } from '../../arrow/batch-builder.js';
import { foreignConversion } from './foreign-columns.js';
import { arrowTypeName, layoutHolds } from './physical-type.js';
import { nonNullStrings } from './null-strings.js';

/**
 * Re-shapes a batch read from Arrow IPC / Parquet to the catalog table: columns by name in schema
 * order (restricted to the projection), schema columns missing from the file as null ("" for
 * strings), types checked against the catalog (a file whose column has another KQL type is an
 * input error, never silently reinterpreted), null strings replaced by "".
 */
export class BatchAdapter {
  private readonly fields: Field[] = [];
  private readonly sources: (number | KqlType)[] = [];
  /** Per output column: how to turn another tool's Arrow type into the catalog's, or null. */
  private readonly conversions: (((data: Data) => Data) | null)[] = [];
  private timestampConversion: ((data: Data) => Data) | null = null;
  private readonly outSchema: Schema;
  readonly timestampSource: number;
  /** See `statisticsColumns`. */
  private readonly numericSources: StatisticsSource[] = [];

  constructor(private readonly file: string, fileSchema: Schema, table: TableSchema, columns: readonly string[] | undefined) {
    const wanted = columns === undefined ? undefined : new Set(columns);
    const byName = new Map(fileSchema.fields.map((f, i) => [f.name, i]));
    this.timestampSource = byName.get('Timestamp') ?? -1;
    for (const c of table.columns) {
      const at = byName.get(c.name);
      if (at !== undefined) {
        const f = fileSchema.fields[at]!;
        const t = kqlTypeOfField(f);
        const tagged = f.metadata.has('kql.type');
        const convert = tagged ? null : foreignConversion(f.type, c.type);
        if (c.name === 'Timestamp') this.timestampConversion = convert;
        const compatible = t === c.type || convert !== null || (c.type === 'string' && (t === 'guid' || t === 'dynamic'));
        if (!compatible) {
          throw new InputError(`${file}: column ${c.name} is ${t} in the file but ${c.type} in ${table.name ?? 'the table'}`, file);
        }
        if (convert === null && !layoutHolds(f.type, c.type)) {
          throw new InputError(`${file}: column ${c.name} has Arrow type ${arrowTypeName(f.type)} in the file, which cannot hold ${c.type} values`, file);
        }
      }
      if (wanted !== undefined && !wanted.has(c.name)) continue;
      if (at !== undefined) {
        const f = fileSchema.fields[at]!;
        const convert = f.metadata.has('kql.type') ? null : foreignConversion(f.type, c.type);
        this.fields.push(convert === null ? new Field(c.name, f.type, true, new Map([['kql.type', c.type]])) : kqlField(c));
        this.sources.push(at);
        this.conversions.push(convert);
      } else {
        this.fields.push(kqlField(c));
        this.sources.push(c.type);
        this.conversions.push(null);
      }
    }
    this.outSchema = new Schema(this.fields, new Map(table.name ? [['kql.table', table.name]] : []));
    this.sources.forEach((src, k) => {
      const name = this.fields[k]!.name;
      const type = table.columns.find((c) => c.name === name)!.type;
      if (typeof src === 'number' && FIXED_WIDTH.has(type)) this.numericSources.push({ name, fileIndex: src, convert: this.conversions[k] ?? null });
    });
    if (this.timestampSource >= 0 && !this.numericSources.some((s) => s.name === 'Timestamp')) {
      this.numericSources.push({ name: 'Timestamp', fileIndex: this.timestampSource, convert: this.timestampConversion });
    }
  }

  /**
   * The columns read whose min/max can be summarised per batch (zone maps, common/batch-statistics):
   * the catalog's fixed-width numbers (datetime, timespan, long, int, real) present in the file,
   * Timestamp always (the run's time range needs it). `convert` gives the catalog's representation.
   */
  get statisticsColumns(): readonly StatisticsSource[] {
    return this.numericSources;
  }

  /** The file columns `adapt` reads: the projection's, plus Timestamp for `observe`. */
  get fileColumns(): number[] {
    const cols = this.sources.filter((s): s is number => typeof s === 'number');
    if (this.timestampSource >= 0) cols.push(this.timestampSource);
    return [...new Set(cols)].sort((a, b) => a - b);
  }

  adapt(batch: RecordBatch): RecordBatch {
    return this.adaptColumns(batch.numRows, (i) => batch.data.children[i]!);
  }

  /** `adapt` over a batch given column by column (by file column number; only `fileColumns` are asked). */
  adaptColumns(n: number, column: (fileIndex: number) => Data): RecordBatch {
    const children: Data[] = this.sources.map((src, k) => {
      if (typeof src !== 'number') return nullColumn(src, n);
      const convert = this.conversions[k];
      if (convert) return convert(column(src));
      const data = column(src);
      if (DataType.isDictionary(data.type)) this.checkCodes(data, this.fields[k]!.name);
      else if (DataType.isUtf8(data.type)) this.checkOffsets(data, this.fields[k]!.name);
      const isString = this.fields[k]!.metadata.get('kql.type') === 'string';
      return isString && data.nullCount > 0 ? nonNullStrings(data) : data;
    });
    return new RecordBatch(this.outSchema, makeData({ type: new Struct(this.fields), length: n, nullCount: 0, children }));
  }

  /**
   * Every (valid) code of a dictionary-encoded column indexes its dictionary: a corrupt file's code
   * outside it would otherwise read as an empty or wrong value, silently.
   */
  private checkCodes(data: Data, name: string): void {
    const size = data.dictionary?.length ?? 0;
    const codes = data.values as ArrayLike<number>;
    const checkValidity = data.nullCount > 0;
    for (let i = 0; i < data.length; i++) {
      const c = codes[i]!;
      if (c >= 0 && c < size) continue;
      if (checkValidity && !data.getValid(i)) continue;
      throw new InputError(`${this.file}: corrupt data: column ${name} has dictionary code ${c} at row ${i + 1} of a record batch, outside its dictionary of ${size} values`, this.file);
    }
  }

  /**
   * A string column's offsets rise and stay inside its data: a corrupt file's offsets would
   * otherwise read as other bytes (the data buffer's padding, a neighbour's value), silently.
   */
  private checkOffsets(data: Data, name: string): void {
    const offsets = data.valueOffsets as Int32Array | undefined;
    const size = (data.values as Uint8Array | undefined)?.length ?? 0;
    const n = data.length;
    const fail = (why: string): never => {
      throw new InputError(`${this.file}: corrupt data: column ${name} ${why}`, this.file);
    };
    if (offsets === undefined || offsets.length < n + 1) return fail(`has ${Math.max(0, (offsets?.length ?? 1) - 1)} string offsets for ${n} rows`);
    if (offsets[0]! < 0) fail(`has a negative string offset at row 1 of a record batch`);
    const back = firstDecrease(offsets, n);
    if (back <= n) fail(`has string offsets that go back at row ${back} of a record batch`);
    if (offsets[n]! > size) fail(`has string offsets past its ${size} bytes of data (to ${offsets[n]!})`);
  }

  /** Min/max of the file's Timestamp column in a batch (for the run's time range). */
  observe(batch: RecordBatch, into: BatchBuilder): void {
    if (this.timestampSource >= 0) this.observeTimestamps(batch.data.children[this.timestampSource]!, into);
  }

  /** `observe` given the file's Timestamp column (column `timestampSource`). */
  observeTimestamps(raw: Data, into: BatchBuilder): void {
    const data = this.timestampConversion === null ? raw : this.timestampConversion(raw);
    const values = data.values as BigInt64Array;
    let min: bigint | null = null;
    let max: bigint | null = null;
    // Nulls are skipped; without nulls the validity test is skipped too (hot: every row of every batch).
    const checkValidity = data.nullCount > 0;
    for (let i = 0; i < data.length; i++) {
      if (checkValidity && !data.getValid(i)) continue;
      const v = values[i]!;
      if (min === null || v < min) min = v;
      if (max === null || v > max) max = v;
    }
    into.observeTicks(min, max);
  }
}

export interface StatisticsSource {
  name: string;
  fileIndex: number;
  convert: ((data: Data) => Data) | null;
}

/**
 * The first i in 1..n with offsets[i] < offsets[i - 1], or n + 1. Its own small function, its exit
 * value computed before the loop: checks after a loop V8 optimised mid-way (on-stack replacement)
 * had no type feedback, and deoptimised it on every batch.
 */
function firstDecrease(offsets: Int32Array, n: number): number {
  const none = n + 1;
  let previous = offsets[0]!;
  for (let i = 1; i <= n; i++) {
    const o = offsets[i]!;
    if (o < previous) return i;
    previous = o;
  }
  return none;
}

const FIXED_WIDTH = new Set<KqlType>(['datetime', 'timespan', 'long', 'int', 'real']);

function nullColumn(type: KqlType, n: number): Data {
  if (type === 'string') {
    return makeData({ type: new Utf8(), length: n, nullCount: 0, valueOffsets: new Int32Array(n + 1), data: new Uint8Array(0) });
  }
  const nullBitmap = new Uint8Array((n + 7) >> 3);
  switch (type) {
    case 'guid':
    case 'dynamic':
      return makeData({ type: new Utf8(), length: n, nullCount: n, nullBitmap, valueOffsets: new Int32Array(n + 1), data: new Uint8Array(0) });
    case 'bool':
      return makeData({ type: new Bool(), length: n, nullCount: n, nullBitmap, data: new Uint8Array((n + 7) >> 3) });
    case 'int':
      return makeData({ type: new Int32(), length: n, nullCount: n, nullBitmap, data: new Int32Array(n) });
    case 'real':
    case 'decimal':
      return makeData({ type: new Float64(), length: n, nullCount: n, nullBitmap, data: new Float64Array(n) });
    default:
      return makeData({ type: new Int64(), length: n, nullCount: n, nullBitmap, data: new BigInt64Array(n) });
  }
}
