/**
 * Checks that every vector in an Arrow IPC flatbuffer (a message, or the file footer) fits in its
 * buffer, before apache-arrow decodes it. flatbuffers' JavaScript reader returns zeros past the
 * end of the buffer instead of failing, and apache-arrow loops as many times as a vector's length
 * says: one flipped bit in a field's custom-metadata count (2,097,153 entries in a 9 KB message,
 * found by the reader fuzz) cost seconds, a count near 2^32 would cost tens of minutes. With the
 * lengths checked, decoding is linear in the buffer.
 *
 * Only the tables apache-arrow walks are visited (Message.fbs, Schema.fbs, File.fbs field order).
 */

/** Message: version, header_type, header, bodyLength, custom_metadata. */
const MESSAGE = { headerType: 1, header: 2, customMetadata: 4 } as const;
/** MessageHeader union tags. */
const HEADER_SCHEMA = 1;
const HEADER_DICTIONARY_BATCH = 2;
const HEADER_RECORD_BATCH = 3;
/** Schema: endianness, fields, custom_metadata, features. */
const SCHEMA = { fields: 1, customMetadata: 2, features: 3 } as const;
/** Field: name, nullable, type_type, type, dictionary, children, custom_metadata. */
const FIELD = { children: 5, customMetadata: 6 } as const;
/** RecordBatch: length, nodes (16-byte structs), buffers (16-byte structs), compression, variadicBufferCounts. */
const RECORD_BATCH = { nodes: 1, buffers: 2, variadicBufferCounts: 4 } as const;
/** DictionaryBatch: id, data (a RecordBatch), isDelta. */
const DICTIONARY_BATCH = { data: 1 } as const;
/** Footer: version, schema, dictionaries (24-byte blocks), recordBatches (24-byte blocks), custom_metadata. */
const FOOTER = { schema: 1, dictionaries: 2, recordBatches: 3, customMetadata: 4 } as const;

/** Deeper than any real schema; also stops a cycle of child offsets. */
const MAX_FIELD_DEPTH = 64;

class Flatbuffer {
  private readonly view: DataView;

  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  private u32(at: number): number {
    if (at < 0 || at + 4 > this.bytes.length) throw new Error(`metadata offset ${at} is outside its ${this.bytes.length} bytes`);
    return this.view.getUint32(at, true);
  }

  root(): number {
    return this.table(0);
  }

  /** The table an offset at `at` points to, checked to have a vtable inside the buffer. */
  private table(at: number): number {
    const t = at + this.u32(at);
    const vtable = t - this.view.getInt32(this.checked(t, 4), true);
    this.checked(vtable, 4);
    this.checked(vtable, this.view.getUint16(vtable, true));
    return t;
  }

  private checked(at: number, size: number): number {
    if (at < 0 || size < 0 || at + size > this.bytes.length) throw new Error(`metadata range ${at}+${size} is outside its ${this.bytes.length} bytes`);
    return at;
  }

  /** Where field `index` of table `t` is stored, or undefined when absent. */
  private field(t: number, index: number): number | undefined {
    const vtable = t - this.view.getInt32(t, true);
    const vtableSize = this.view.getUint16(vtable, true);
    const slot = 4 + 2 * index;
    if (slot + 2 > vtableSize) return undefined;
    const offset = this.view.getUint16(vtable + slot, true);
    return offset === 0 ? undefined : t + offset;
  }

  u8Field(t: number, index: number): number {
    const at = this.field(t, index);
    return at === undefined ? 0 : this.bytes[this.checked(at, 1)]!;
  }

  tableField(t: number, index: number): number | undefined {
    const at = this.field(t, index);
    return at === undefined ? undefined : this.table(at);
  }

  /** Length of the vector in field `index`, checked to fit with `elementSize`-byte elements. */
  vector(t: number, index: number, elementSize: number, what: string): { start: number; length: number } {
    const at = this.field(t, index);
    if (at === undefined) return { start: 0, length: 0 };
    const v = at + this.u32(at);
    const length = this.u32(v);
    if (length * elementSize > this.bytes.length - v - 4) throw new Error(`${what} claims ${length} entries, more than its ${this.bytes.length}-byte metadata holds`);
    return { start: v + 4, length };
  }

  /** The tables of a vector of tables. */
  tables(t: number, index: number, what: string): number[] {
    const { start, length } = this.vector(t, index, 4, what);
    const out: number[] = [];
    for (let i = 0; i < length; i++) out.push(this.table(start + 4 * i));
    return out;
  }
}

function checkSchema(fb: Flatbuffer, schema: number): void {
  fb.vector(schema, SCHEMA.customMetadata, 4, 'schema metadata');
  fb.vector(schema, SCHEMA.features, 8, 'schema features');
  const fields = (t: number, index: number, depth: number): void => {
    if (depth > MAX_FIELD_DEPTH) throw new Error(`fields nested deeper than ${MAX_FIELD_DEPTH} levels`);
    for (const f of fb.tables(t, index, 'a field list')) {
      fb.vector(f, FIELD.customMetadata, 4, 'field metadata');
      fields(f, FIELD.children, depth + 1);
    }
  };
  fields(schema, SCHEMA.fields, 0);
}

function checkRecordBatch(fb: Flatbuffer, batch: number): void {
  fb.vector(batch, RECORD_BATCH.nodes, 16, 'record batch nodes');
  fb.vector(batch, RECORD_BATCH.buffers, 16, 'record batch buffers');
  fb.vector(batch, RECORD_BATCH.variadicBufferCounts, 8, 'variadic buffer counts');
}

/** Throws an Error saying which vector does not fit; the caller turns it into an InputError. */
export function checkMessageBounds(bytes: Uint8Array): void {
  const fb = new Flatbuffer(bytes);
  const message = fb.root();
  fb.vector(message, MESSAGE.customMetadata, 4, 'message metadata');
  const header = fb.tableField(message, MESSAGE.header);
  if (header === undefined) return;
  const type = fb.u8Field(message, MESSAGE.headerType);
  if (type === HEADER_SCHEMA) checkSchema(fb, header);
  else if (type === HEADER_RECORD_BATCH) checkRecordBatch(fb, header);
  else if (type === HEADER_DICTIONARY_BATCH) {
    const data = fb.tableField(header, DICTIONARY_BATCH.data);
    if (data !== undefined) checkRecordBatch(fb, data);
  }
}

/** The same for an IPC file's footer (schema and block lists). */
export function checkFooterBounds(bytes: Uint8Array): void {
  const fb = new Flatbuffer(bytes);
  const footer = fb.root();
  fb.vector(footer, FOOTER.dictionaries, 24, 'dictionary blocks');
  fb.vector(footer, FOOTER.recordBatches, 24, 'record batch blocks');
  fb.vector(footer, FOOTER.customMetadata, 4, 'footer metadata');
  const schema = fb.tableField(footer, FOOTER.schema);
  if (schema !== undefined) checkSchema(fb, schema);
}
