import type { Data, Dictionary, Int32, Utf8 } from 'apache-arrow';
import { Arrow } from './arrow-runtime.js';
import { grow } from '@kqlr/common/core';
import { packValidity } from './growable.js';
import { Utf8Buffer } from './utf8-buffer.js';
import { GrowingDictionary } from './growing-dictionary.js';

/** Appends values of one column; `truncate` drops the rows of an aborted record. */
export interface ColumnBuilder {
  readonly length: number;
  appendNull(): void;
  /** `n` nulls at once (columns a record did not set are padded lazily, in bulk). */
  appendNulls(n: number): void;
  truncate(n: number): void;
  /** The column so far as Arrow Data; the builder starts empty again. */
  flush(): Data;
}

abstract class NullableBuilder {
  protected valid = new Uint8Array(1024);
  protected nulls = 0;
  length = 0;

  protected markValidRun(v: 0 | 1, n: number): void {
    this.valid = grow(this.valid, this.length + n);
    this.valid.fill(v, this.length, this.length + n);
    if (v === 0) this.nulls += n;
  }

  protected markValid(v: 0 | 1): void {
    this.valid = grow(this.valid, this.length + 1);
    this.valid[this.length] = v;
    if (v === 0) this.nulls++;
  }

  truncate(n: number): void {
    for (let i = n; i < this.length; i++) if (this.valid[i] === 0) this.nulls--;
    if (n < this.length) this.length = n;
  }

  protected takeValidity(): { nullCount: number; nullBitmap: Uint8Array | undefined } {
    const out = { nullCount: this.nulls, nullBitmap: packValidity(this.valid, this.length, this.nulls) };
    this.valid = new Uint8Array(1024);
    this.nulls = 0;
    return out;
  }
}

/** Kusto strings are never null: a missing string is "". guid/dynamic columns keep nulls. */
export class Utf8Builder extends NullableBuilder implements ColumnBuilder {
  private buf = new Utf8Buffer();
  constructor(private readonly nullable: boolean) {
    super();
  }

  append(s: string): void {
    this.buf.append(s);
    this.markValid(1);
    this.length++;
  }

  appendOwned(s: string): void {
    this.append(s);
  }

  appendNull(): void {
    this.buf.append('');
    this.markValid(this.nullable ? 0 : 1);
    this.length++;
  }

  appendNulls(n: number): void {
    this.buf.appendEmpty(n);
    this.markValidRun(this.nullable ? 0 : 1, n);
    this.length += n;
  }

  override truncate(n: number): void {
    super.truncate(n);
    this.buf.truncate(n);
  }

  flush(): Data {
    const v = this.takeValidity();
    const data = Arrow.makeData({
      type: new Arrow.Utf8(), length: this.length, ...v,
      valueOffsets: this.buf.offsetsView, data: this.buf.bytesView,
    });
    this.buf = new Utf8Buffer();
    this.length = 0;
    return data;
  }
}

/**
 * A dictionary that outgrows this many entries is not low-cardinality after all: it is restarted
 * at the next batch boundary (new codes from 0), which bounds the Map (performance-notes §2.4).
 */
export const DICTIONARY_RESTART_SIZE = 1 << 20;

export class DictionaryBuilder implements ColumnBuilder {
  private codes = new Int32Array(1024);
  length = 0;
  constructor(
    private dict: GrowingDictionary,
    private readonly onRestart: (d: GrowingDictionary) => void = () => undefined,
    private readonly restartSize = DICTIONARY_RESTART_SIZE,
    private readonly type: Dictionary<Utf8, Int32> = new Arrow.Dictionary(new Arrow.Utf8(), new Arrow.Int32()),
  ) {}

  append(s: string): void {
    this.codes = grow(this.codes, this.length + 1);
    this.codes[this.length++] = this.dict.codeOf(s);
  }

  /** `append` of a string of its own (JSON.parse's): kept as it is (GrowingDictionary.codeOf). */
  appendOwned(s: string): void {
    this.codes = grow(this.codes, this.length + 1);
    this.codes[this.length++] = this.dict.codeOf(s, true);
  }

  appendNull(): void {
    this.append('');
  }

  appendNulls(n: number): void {
    const code = this.dict.codeOf('');
    this.codes = grow(this.codes, this.length + n);
    this.codes.fill(code, this.length, this.length + n);
    this.length += n;
  }

  truncate(n: number): void {
    if (n < this.length) this.length = n;
  }

  flush(): Data {
    const data = Arrow.makeData({
      type: this.type, length: this.length, nullCount: 0,
      data: this.codes.subarray(0, this.length), dictionary: this.dict.vector(),
    });
    this.codes = new Int32Array(1024);
    this.length = 0;
    if (this.dict.size > this.restartSize) {
      this.dict = new GrowingDictionary();
      this.onRestart(this.dict);
    }
    return data;
  }
}

export class Int64Builder extends NullableBuilder implements ColumnBuilder {
  private values = new BigInt64Array(1024);

  append(v: bigint): void {
    this.values = grow(this.values, this.length + 1);
    this.values[this.length] = v;
    this.markValid(1);
    this.length++;
  }

  appendNull(): void {
    this.values = grow(this.values, this.length + 1);
    this.values[this.length] = 0n;
    this.markValid(0);
    this.length++;
  }

  appendNulls(n: number): void {
    this.values = grow(this.values, this.length + n);
    this.values.fill(0n, this.length, this.length + n);
    this.markValidRun(0, n);
    this.length += n;
  }

  flush(): Data {
    const v = this.takeValidity();
    const data = Arrow.makeData({ type: new Arrow.Int64(), length: this.length, ...v, data: this.values.subarray(0, this.length) });
    this.values = new BigInt64Array(1024);
    this.length = 0;
    return data;
  }
}

export class Int32Builder extends NullableBuilder implements ColumnBuilder {
  private values = new Int32Array(1024);

  append(v: number): void {
    this.values = grow(this.values, this.length + 1);
    this.values[this.length] = v;
    this.markValid(1);
    this.length++;
  }

  appendNull(): void {
    this.values = grow(this.values, this.length + 1);
    this.values[this.length] = 0;
    this.markValid(0);
    this.length++;
  }

  appendNulls(n: number): void {
    this.values = grow(this.values, this.length + n);
    this.values.fill(0, this.length, this.length + n);
    this.markValidRun(0, n);
    this.length += n;
  }

  flush(): Data {
    const v = this.takeValidity();
    const data = Arrow.makeData({ type: new Arrow.Int32(), length: this.length, ...v, data: this.values.subarray(0, this.length) });
    this.values = new Int32Array(1024);
    this.length = 0;
    return data;
  }
}

export class Float64Builder extends NullableBuilder implements ColumnBuilder {
  private values = new Float64Array(1024);

  append(v: number): void {
    this.values = grow(this.values, this.length + 1);
    this.values[this.length] = v;
    this.markValid(1);
    this.length++;
  }

  appendNull(): void {
    this.values = grow(this.values, this.length + 1);
    this.values[this.length] = 0;
    this.markValid(0);
    this.length++;
  }

  appendNulls(n: number): void {
    this.values = grow(this.values, this.length + n);
    this.values.fill(0, this.length, this.length + n);
    this.markValidRun(0, n);
    this.length += n;
  }

  flush(): Data {
    const v = this.takeValidity();
    const data = Arrow.makeData({ type: new Arrow.Float64(), length: this.length, ...v, data: this.values.subarray(0, this.length) });
    this.values = new Float64Array(1024);
    this.length = 0;
    return data;
  }
}

export class BoolBuilder extends NullableBuilder implements ColumnBuilder {
  private values = new Uint8Array(1024);

  append(v: boolean): void {
    this.values = grow(this.values, this.length + 1);
    this.values[this.length] = v ? 1 : 0;
    this.markValid(1);
    this.length++;
  }

  appendNull(): void {
    this.values = grow(this.values, this.length + 1);
    this.values[this.length] = 0;
    this.markValid(0);
    this.length++;
  }

  appendNulls(n: number): void {
    this.values = grow(this.values, this.length + n);
    this.values.fill(0, this.length, this.length + n);
    this.markValidRun(0, n);
    this.length += n;
  }

  flush(): Data {
    const v = this.takeValidity();
    const bits = new Uint8Array((this.length + 7) >> 3);
    for (let i = 0; i < this.length; i++) if (this.values[i]) bits[i >> 3]! |= 1 << (i & 7);
    const data = Arrow.makeData({ type: new Arrow.Bool(), length: this.length, ...v, data: bits });
    this.values = new Uint8Array(1024);
    this.length = 0;
    return data;
  }
}

