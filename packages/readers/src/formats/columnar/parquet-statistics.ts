/**
 * Per row group, the row count and the raw min/max of one top-level INT64 column (Timestamp), read
 * from the Parquet footer (FileMetaData, Thrift compact protocol). Why here: parquet-wasm exposes
 * no statistics, and a filter on Timestamp (`ago(...)`) otherwise decodes every row group of a file
 * to find the few it can match. Only the fields this needs are decoded; every other is skipped by
 * its wire type, so newer writers' fields do no harm.
 */
export interface RowGroupRange {
  rows: number;
  /** Null when the writer wrote no statistics for the column (the row group is then read). */
  min: bigint | null;
  max: bigint | null;
  nullCount: number | null;
}

/** The row groups' ranges of `column`, or null when the footer does not decode or the column is not a top-level INT64. */
export function rowGroupRanges(footer: Uint8Array, column: string): RowGroupRange[] | null {
  try {
    return decodeFileMetaData(new CompactReader(footer), column);
  } catch (err) {
    if (err instanceof FooterError) return null;
    throw err;
  }
}

class FooterError extends Error {}

// Thrift compact protocol wire types.
const BOOL_TRUE = 1;
const BOOL_FALSE = 2;
const BYTE = 3;
const I16 = 4;
const I32 = 5;
const I64 = 6;
const DOUBLE = 7;
const BINARY = 8;
const LIST = 9;
const SET = 10;
const MAP = 11;
const STRUCT = 12;

/** Parquet's physical type INT64 (ColumnMetaData.type). */
const INT64 = 2;

class CompactReader {
  private at = 0;
  private depth = 0;
  constructor(private readonly b: Uint8Array) {}

  private byte(): number {
    if (this.at >= this.b.length) throw new FooterError('footer ends early');
    return this.b[this.at++]!;
  }

  varint(): bigint {
    let shift = 0n;
    let out = 0n;
    for (let i = 0; i < 10; i++) {
      const x = this.byte();
      out |= BigInt(x & 0x7f) << shift;
      if ((x & 0x80) === 0) return out;
      shift += 7n;
    }
    throw new FooterError('varint too long');
  }

  zigzag(): bigint {
    const v = this.varint();
    return (v >> 1n) ^ -(v & 1n);
  }

  int(): number {
    return Number(this.zigzag());
  }

  binary(): Uint8Array {
    const n = Number(this.varint());
    if (n < 0 || this.at + n > this.b.length) throw new FooterError('binary past the footer');
    const out = this.b.subarray(this.at, this.at + n);
    this.at += n;
    return out;
  }

  /** The next field of a struct: its id and wire type, or null at the struct's end. */
  field(last: number): { id: number; type: number } | null {
    const h = this.byte();
    if (h === 0) return null;
    const delta = h >> 4;
    return { id: delta === 0 ? this.int() : last + delta, type: h & 0x0f };
  }

  list(): { size: number; type: number } {
    const h = this.byte();
    const size = (h >> 4) === 15 ? Number(this.varint()) : h >> 4;
    // Every element takes a byte at least: a larger count is a corrupt footer (not an allocation).
    if (size > this.b.length - this.at) throw new FooterError('list longer than the footer');
    return { size, type: h & 0x0f };
  }

  /** Reads past a value of wire type `type`. */
  skip(type: number): void {
    if (++this.depth > 64) throw new FooterError('nesting too deep');
    try {
      switch (type) {
        case BOOL_TRUE:
        case BOOL_FALSE:
          return;
        case BYTE:
          this.byte();
          return;
        case I16:
        case I32:
        case I64:
          this.varint();
          return;
        case DOUBLE:
          this.at += 8;
          return;
        case BINARY:
          this.binary();
          return;
        case LIST:
        case SET: {
          const { size, type: t } = this.list();
          // A bool element of a list is one byte (unlike a bool field, whose value is in its header).
          for (let i = 0; i < size; i++) t === BOOL_TRUE || t === BOOL_FALSE ? this.byte() : this.skip(t);
          return;
        }
        case MAP: {
          const size = Number(this.varint());
          if (size === 0) return;
          const kv = this.byte();
          for (let i = 0; i < size; i++) {
            this.skip(kv >> 4);
            this.skip(kv & 0x0f);
          }
          return;
        }
        case STRUCT:
          this.struct(() => false);
          return;
        default:
          throw new FooterError(`unknown wire type ${type}`);
      }
    } finally {
      this.depth--;
    }
  }

  /** Visits a struct's fields: `on` reads the ones it knows (true), the others are skipped. */
  struct(on: (id: number, type: number) => boolean): void {
    let last = 0;
    for (;;) {
      const f = this.field(last);
      if (f === null) return;
      if (!on(f.id, f.type)) this.skip(f.type);
      last = f.id;
    }
  }

  structList(each: () => void): void {
    const { size, type } = this.list();
    if (type !== STRUCT) throw new FooterError('expected a list of structs');
    for (let i = 0; i < size; i++) each();
  }
}

/** FileMetaData: 4 row_groups (list<RowGroup>). */
function decodeFileMetaData(r: CompactReader, column: string): RowGroupRange[] | null {
  const groups: (RowGroupRange | null)[] = [];
  r.struct((id, type) => {
    if (id !== 4 || type !== LIST) return false;
    r.structList(() => groups.push(decodeRowGroup(r, column)));
    return true;
  });
  return groups.some((g) => g === null) ? null : (groups as RowGroupRange[]);
}

/** RowGroup: 1 columns (list<ColumnChunk>), 3 num_rows. Null when `column` is not a top-level INT64 in it. */
function decodeRowGroup(r: CompactReader, column: string): RowGroupRange | null {
  let rows = -1;
  let range: Omit<RowGroupRange, 'rows'> | null | undefined;
  r.struct((id, type) => {
    if (id === 3 && type === I64) {
      rows = Number(r.zigzag());
      return true;
    }
    if (id === 1 && type === LIST) {
      r.structList(() => {
        const found = decodeColumnChunk(r, column);
        if (found !== undefined) range = found;
      });
      return true;
    }
    return false;
  });
  if (rows < 0 || range === undefined || range === null) return null;
  return { rows, ...range };
}

/** ColumnChunk: 3 meta_data (ColumnMetaData). Undefined for another column. */
function decodeColumnChunk(r: CompactReader, column: string): Omit<RowGroupRange, 'rows'> | null | undefined {
  let out: Omit<RowGroupRange, 'rows'> | null | undefined;
  r.struct((id, type) => {
    if (id !== 3 || type !== STRUCT) return false;
    out = decodeColumnMetaData(r, column);
    return true;
  });
  return out;
}

/** ColumnMetaData: 1 type, 3 path_in_schema (list<string>), 12 statistics. */
function decodeColumnMetaData(r: CompactReader, column: string): Omit<RowGroupRange, 'rows'> | null | undefined {
  let physical = -1;
  let path: string[] = [];
  let stats: Omit<RowGroupRange, 'rows'> = { min: null, max: null, nullCount: null };
  r.struct((id, type) => {
    if (id === 1 && type === I32) {
      physical = r.int();
      return true;
    }
    if (id === 3 && type === LIST) {
      const { size, type: t } = r.list();
      if (t !== BINARY) throw new FooterError('path_in_schema is not a list of strings');
      path = Array.from({ length: size }, () => Buffer.from(r.binary()).toString('utf8'));
      return true;
    }
    if (id === 12 && type === STRUCT) {
      stats = decodeStatistics(r);
      return true;
    }
    return false;
  });
  if (path.length !== 1 || path[0] !== column) return undefined;
  return physical === INT64 ? stats : null;
}

/**
 * Statistics: 1 max, 2 min (deprecated, signed order: right for INT64), 3 null_count, 5 max_value,
 * 6 min_value. An INT64 bound is 8 bytes little-endian; any other length is not used.
 */
function decodeStatistics(r: CompactReader): Omit<RowGroupRange, 'rows'> {
  let min: bigint | null = null;
  let max: bigint | null = null;
  let minValue: bigint | null = null;
  let maxValue: bigint | null = null;
  let nullCount: number | null = null;
  const int64 = (b: Uint8Array): bigint | null => (b.length === 8 ? new DataView(b.buffer, b.byteOffset, 8).getBigInt64(0, true) : null);
  r.struct((id, type) => {
    if (type === BINARY && (id === 1 || id === 2 || id === 5 || id === 6)) {
      const v = int64(r.binary());
      if (id === 1) max = v;
      else if (id === 2) min = v;
      else if (id === 5) maxValue = v;
      else minValue = v;
      return true;
    }
    if (id === 3 && type === I64) {
      nullCount = Number(r.zigzag());
      return true;
    }
    return false;
  });
  return { min: minValue ?? min, max: maxValue ?? max, nullCount };
}
