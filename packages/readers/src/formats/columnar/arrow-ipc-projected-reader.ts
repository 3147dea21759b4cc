import { compressionRegistry, DataType, Vector, type Data, type Field, type Schema } from 'apache-arrow';
import { BufferRegion, type DictionaryBatch, type RecordBatch as BatchHeader } from 'apache-arrow/ipc/metadata/message';
import { VectorLoader } from 'apache-arrow/visitor/vectorloader';
import { InputError } from '../../input-error.js';
import { columnLayout, type ColumnLayout } from './arrow-buffer-layout.js';
import { projectBatch, type BatchProjection } from './arrow-batch-projection.js';
import { copyUtf8Rows, type Utf8ColumnBytes } from './arrow-ipc-row-reads.js';
import { nonNullStrings } from './null-strings.js';
import { ScratchPair, type ScratchLease } from './scratch-pair.js';
import { isIpcFileFormat, readFooter, readMessageAt, type MessageAt } from './arrow-ipc-messages.js';
import { newBuffer, PositionalFile } from './positional-file.js';
import type { Footer } from 'apache-arrow/ipc/metadata/file';

/** One record batch with only the requested columns decoded, indexed by the file's column number. */
export interface ProjectedBatch<I = undefined> {
  numRows: number;
  columns: readonly (Data | undefined)[];
  /** True when `FirstColumns.inspect` said so: only the first columns were read. */
  skipped: boolean;
  /** What `FirstColumns.inspect` learnt from this batch's first columns (undefined without it). */
  info: I | undefined;
  /** The `deferred` columns of `batches`, read for some rows only (see DeferredUtf8); undefined unless `lazy`. */
  deferred: DeferredUtf8 | undefined;
  /** Whether the batch was read lazily (BatchOptions.lazy): else its deferred columns are in `columns`. */
  lazy: boolean;
  /** Whether its columns are reused memory (BatchOptions.transient). */
  transient: boolean;
}

export interface BatchOptions {
  /**
   * Plain Utf8 columns (not in `wanted`) read with each batch into reused memory; they leave the
   * reader only through the batch's `deferred`, as copies of the rows asked for.
   */
  deferred?: readonly number[];
  /**
   * Read every batch's columns into reused memory too (two buffers per kind of read, taken in
   * turn): the consumer must be done with a batch's data when it asks for the batch after next
   * (common/deferred-columns.ts, `copiesTransientBatches`). Dictionaries are always fresh memory.
   */
  transient?: boolean;
  /**
   * Asked before each batch is read: whether to read it lazily (deferred columns by rows, reused
   * memory when `transient`) or as usual (every column whole, fresh memory). Lazy reading pays off
   * while the consumer keeps few rows; copying most rows would cost more than it saves. Default:
   * always lazy.
   */
  lazy?: () => boolean;
}

/**
 * Copies a batch's deferred columns (plain Utf8 columns of catalog type string) at `rows` only: a
 * Utf8 column without nulls per column, in the order they were asked for, "" at every other row
 * (arrow-ipc-row-reads.ts). Valid until the batch after next is asked for (scratch-pair.ts).
 */
export type DeferredUtf8 = (rows: Uint32Array) => Promise<Data[]>;

/**
 * Late materialisation at batch granularity: read these (cheap, fixed-width) columns of a batch
 * first, and the rest only when `inspect` does not say skip. A Timestamp filter outside a batch's
 * range then costs 8 bytes a row instead of the whole projection. `info` (e.g. the statistics the
 * decision came from) travels with its own batch: batches may be read ahead of their consumer.
 */
export interface FirstColumns<I> {
  columns: readonly number[];
  inspect(read: (fileIndex: number) => Data, numRows: number): { skip: boolean; info: I };
}

/**
 * An uncompressed (not gzip) Arrow IPC file or stream read by position, decoding only the
 * columns asked for: per record batch, its metadata, then just those columns' body buffers
 * (issue #4). Memory stays at one batch of the wanted columns plus the dictionaries they use.
 * Dictionary batches of other columns are skipped; delta dictionaries are appended, replacement
 * dictionaries (stream format) replace. IPC body compression is decoded when apache-arrow has a
 * codec registered for it, otherwise it is an input error saying so.
 */
export class ArrowIpcSource {
  private constructor(
    private readonly file: PositionalFile,
    readonly schema: Schema,
    /** Per column; null when some column has a type this reader cannot skip (use the full reader). */
    readonly layouts: readonly ColumnLayout[] | null,
    private readonly footer: Footer | null,
    /** Stream format: where the message after the schema starts. */
    private readonly firstMessage: number,
  ) {}

  /** `readPath`: a decompressed copy of the file named `path` (see gunzipped-copy.ts). */
  static async open(path: string, readPath: string = path): Promise<ArrowIpcSource> {
    const file = await PositionalFile.open(path, readPath);
    try {
      if (await isIpcFileFormat(file)) {
        const footer = await readFooter(file);
        return new ArrowIpcSource(file, footer.schema, layoutsOf(footer.schema), footer, 0);
      }
      const first = await readMessageAt(file, 0);
      if (first === null || !first.message.isSchema()) throw new InputError(`${path}: not a readable Arrow IPC file (no schema message)`, path);
      // apache-arrow decodes a message's header lazily: corrupt metadata throws here, not in readMessageAt.
      const schemaMessage = first.message;
      const schema = decode(path, first, () => schemaMessage.header());
      return new ArrowIpcSource(file, schema, layoutsOf(schema), null, first.bodyStart + first.message.bodyLength);
    } catch (err) {
      await file.close();
      if (err instanceof InputError) throw err;
      throw new InputError(`${path}: not a readable Arrow IPC file (${(err as Error).message})`, path);
    }
  }

  async close(): Promise<void> {
    await this.file.close();
  }

  /**
   * Batches holding the file columns `wanted` (indices into the schema), in file order. See
   * BatchOptions for deferred columns and transient batches.
   */
  async *batches<I = undefined>(wanted: readonly number[], onBytes: (n: number) => void, first?: FirstColumns<I>, options: BatchOptions = {}): AsyncGenerator<ProjectedBatch<I>> {
    const deferred = sortedUnique(options.deferred ?? []);
    // Transient batches: each kind of read has its own pair of reused buffers (scratch-pair.ts).
    const earlyScratch = new ScratchPair();
    const lateScratch = new ScratchPair();
    // Per deferred column: the copied rows' full-length offsets (256 KiB a 64 Ki-row batch) too.
    const offsetScratch = deferred.map(() => new ScratchPair());
    const layouts = this.layouts;
    if (layouts === null) throw new Error('ArrowIpcSource.batches: a column type has no known layout');
    const all = sortedUnique(wanted);
    const early = first === undefined ? [] : sortedUnique(first.columns);
    const late = all.filter((c) => !early.includes(c));
    const state: LoadState = { dictionaries: new Map(), pending: new Map(), needed: dictionaryIds([...all, ...early].map((c) => this.schema.fields[c]!)), onBytes };
    const earlyDictionaries = dictionaryIds(early.map((c) => this.schema.fields[c]!));
    const scratch = new ScratchPair();
    /** Whether the previous record batch was read whole (not skipped): see the speculative read below. */
    let readWhole = false;
    for await (const at of this.messages()) {
      const { message } = at;
      if (message.isDictionaryBatch()) {
        deferDictionary(decode(this.file.path, at, () => message.header()), at, state);
      } else if (message.isRecordBatch()) {
        const header = decode(this.file.path, at, () => message.header());
        const out: (Data | undefined)[] = [];
        // Decided per batch, before anything of it is read (see BatchOptions.lazy).
        const lazy = deferred.length > 0 || options.transient === true ? (options.lazy?.() ?? true) : false;
        const transient = lazy && options.transient === true;
        const eager = (columns: number[]): number[] => (lazy ? columns : sortedUnique([...columns, ...deferred]));
        const readRest = (columns: number[]): Promise<DeferredUtf8 | undefined> =>
          inOrder(
            this.loadInto(out, header, at, layouts, eager(columns), state, transient ? lateScratch : undefined),
            lazy ? this.readDeferred(header, at, layouts, deferred, state, scratch, transient ? offsetScratch : undefined) : Promise.resolve(undefined),
          );
        if (first !== undefined && early.length > 0) {
          // After a batch that was read whole, the rest is read with the first columns, before the
          // skip decision: a file's batches usually come in time order, so one the filters can
          // match is mostly followed by another, and a read issued now completes while the
          // consumer works (two dependent reads would each wait for the main thread to be free).
          // A batch that is skipped after all loses its read, and that read's errors with it:
          // as without speculation, a skipped batch's other columns are never looked at.
          const rest = readWhole ? outcome(readRest(late)) : null;
          let freshFirstColumns: () => void;
          try {
            if (earlyDictionaries.size > 0) await this.loadPendingDictionaries(state, earlyDictionaries);
            freshFirstColumns = this.loadFirstColumns(out, header, at, layouts, early, state, earlyScratch);
          } catch (err) {
            await rest;
            throw err;
          }
          const { skip, info } = first.inspect((i) => out[i]!, header.length);
          if (skip) {
            await rest;
            readWhole = false;
            yield { numRows: header.length, columns: out, skipped: true, info, deferred: undefined, lazy, transient };
            continue;
          }
          const loader = rest === null ? await readRest(late) : valueOf(await rest);
          if (!transient) freshFirstColumns();
          readWhole = true;
          yield { numRows: header.length, columns: out, skipped: false, info, deferred: loader, lazy, transient };
        } else {
          const loader = await readRest(all);
          yield { numRows: header.length, columns: out, skipped: false, info: undefined, deferred: loader, lazy, transient };
        }
      }
    }
  }

  private async loadInto(out: (Data | undefined)[], header: BatchHeader, at: MessageAt, layouts: readonly ColumnLayout[], columns: number[], state: LoadState, scratch?: ScratchPair): Promise<void> {
    if (columns.length === 0) return;
    await this.loadPendingDictionaries(state, dictionaryIds(columns.map((c) => this.schema.fields[c]!)));
    const data = await this.loadColumns(header, at, layouts, columns, columns.map((c) => this.schema.fields[c]!), state, scratch);
    columns.forEach((c, k) => (out[c] = data[k]));
  }

  /**
   * The first columns, read into `scratch` whatever the batch: most batches a filter skips are
   * looked at only here, and fresh memory for each would be garbage at once (external memory:
   * it brings on collections). Returns what makes the columns in `out` fresh copies, for a batch
   * that is kept and not transient.
   */
  private loadFirstColumns(out: (Data | undefined)[], header: BatchHeader, at: MessageAt, layouts: readonly ColumnLayout[], columns: number[], state: LoadState, scratch: ScratchPair): () => void {
    const fields = columns.map((c) => this.schema.fields[c]!);
    const projection = this.checkedProjection(header, at, layouts, columns);
    const body = scratch.take(projection.compactLength).bytes;
    for (const r of projection.reads) this.file.readIntoSync(body, r.at, r.to - r.from, at.bodyStart + r.from);
    state.onBytes(projection.compactLength);
    const place = (bytes: Uint8Array): void => {
      const data = this.decodeColumns(header, at, projection, bytes, fields, state);
      columns.forEach((c, k) => (out[c] = data[k]));
    };
    place(body);
    return () => place(body.slice(0, projection.compactLength));
  }

  /**
   * Dictionary batches first, then record batches: the footer's order (file) or the stream's.
   * Message metadata is read on the calling thread (PositionalFile.readExact), so asking for the
   * next batch issues its column reads at once.
   */
  private async *messages(): AsyncGenerator<MessageAt> {
    if (this.footer !== null) {
      for (const block of [...this.footer.dictionaryBatches(), ...this.footer.recordBatches()]) {
        const at = await readMessageAt(this.file, block.offset);
        if (at === null) throw new InputError(`${this.file.path}: corrupt Arrow IPC file (no message at byte ${block.offset})`, this.file.path, undefined, block.offset);
        yield at;
      }
      return;
    }
    let position = this.firstMessage;
    for (;;) {
      const at = await readMessageAt(this.file, position);
      if (at === null) return;
      yield at;
      position = at.bodyStart + at.message.bodyLength;
    }
  }

  /**
   * Reads a batch's deferred columns into scratch memory and returns their loader (undefined
   * without any); for transient batches (`offsetScratch`) the loaded columns' offsets are reused memory too. Their metadata is checked as a read column's is. A compressed body is not read
   * now: its deferred columns are read whole (and decompressed) on load.
   */
  private async readDeferred(
    header: BatchHeader, at: MessageAt, layouts: readonly ColumnLayout[], columns: readonly number[], state: LoadState, scratch: ScratchPair,
    offsetScratch: readonly ScratchPair[] | undefined,
  ): Promise<DeferredUtf8 | undefined> {
    if (columns.length === 0) return undefined;
    const projection = this.checkedProjection(header, at, layouts, columns);
    if (header.compression !== null && header.compression !== undefined) {
      const fields = columns.map((c) => this.schema.fields[c]!);
      return async () => (await this.loadColumns(header, at, layouts, [...columns], fields, state)).map((d) => (d.nullCount > 0 ? nonNullStrings(d) : d));
    }
    const lease = scratch.take(projection.compactLength);
    await this.readProjection(lease.bytes, projection, at);
    state.onBytes(projection.compactLength);
    const located = columns.map((_, k) => this.utf8Bytes(lease, projection, k, at));
    const path = this.file.path;
    return async (rows) => {
      if (!scratch.holds(lease)) throw new Error('internal: deferred Arrow IPC columns loaded after their batch was released');
      return located.map((c, k) => {
        const into = offsetScratch?.[k]?.take(4 * (c.length + 1)).bytes;
        const data = copyUtf8Rows(c, rows, into === undefined ? undefined : new Int32Array(into.buffer, into.byteOffset, c.length + 1));
        if (typeof data === 'string') throw new InputError(`${path}: corrupt Arrow IPC data (record batch at byte ${at.bodyStart}: ${data})`, path, undefined, at.bodyStart);
        return data;
      });
    };
  }

  /** The k-th column of a projection of plain Utf8 columns (validity, offsets, data buffers each), in `lease`. */
  private utf8Bytes(lease: ScratchLease, projection: BatchProjection, k: number, at: MessageAt): Utf8ColumnBytes {
    const node = projection.topNodes[k]!;
    const [validity, offsets, data] = projection.buffers.slice(3 * k, 3 * k + 3) as [BufferRegion, BufferRegion, BufferRegion];
    const n = node.length;
    if (offsets.length < 4 * (n + 1) || (node.nullCount > 0 && validity.length > 0 && validity.length < (n + 7) >> 3)) {
      throw new InputError(`${this.file.path}: corrupt Arrow IPC data (record batch at byte ${at.bodyStart}: a string column's buffers are shorter than the batch)`, this.file.path, undefined, at.bodyStart);
    }
    const bytes = lease.bytes;
    const start = bytes.byteOffset + offsets.offset;
    // IPC buffers are 8-aligned (so is the compacted body); a file that is not gets a copy.
    const offsetView = start % 4 === 0 ? new Int32Array(bytes.buffer, start, n + 1) : new Int32Array(bytes.slice(offsets.offset, offsets.offset + 4 * (n + 1)).buffer);
    return {
      length: n,
      validity: node.nullCount > 0 && validity.length > 0 ? bytes.subarray(validity.offset, validity.offset + validity.length) : null,
      offsets: offsetView,
      data: bytes.subarray(data.offset, data.offset + data.length),
    };
  }

  /** The projection of `columns`, checked against the body (before allocating anything for it). */
  private checkedProjection(header: BatchHeader, at: MessageAt, layouts: readonly ColumnLayout[], columns: readonly number[]): BatchProjection {
    const path = this.file.path;
    const projection = projectBatch(header, layouts, columns);
    if (projection === null) throw new InputError(`${path}: corrupt Arrow IPC data (record batch at byte ${at.bodyStart} does not match the schema)`, path, undefined, at.bodyStart);
    // Checked before allocating: corrupt metadata must give an input error, not a huge allocation.
    const outside = projection.reads.some((r) => r.from < 0 || r.to > at.message.bodyLength);
    const wrongLength = columns.some((_, k) => projection.topNodes[k]!.length !== header.length);
    if (outside || wrongLength) {
      throw new InputError(`${path}: corrupt Arrow IPC data (record batch at byte ${at.bodyStart}: ${outside ? 'a buffer lies outside its body' : 'a column length differs from the batch length'})`, path, undefined, at.bodyStart);
    }
    return projection;
  }

  /** `scratch`: read into its next buffer (a transient batch) instead of fresh memory. */
  private async loadColumns(header: BatchHeader, at: MessageAt, layouts: readonly ColumnLayout[], columns: number[], fields: Field[], state: LoadState, scratch?: ScratchPair): Promise<Data[]> {
    const projection = this.checkedProjection(header, at, layouts, columns);
    const body = scratch === undefined ? newBuffer(projection.compactLength) : scratch.take(projection.compactLength).bytes;
    await this.readProjection(body, projection, at);
    state.onBytes(projection.compactLength);
    return this.decodeColumns(header, at, projection, body, fields, state);
  }

  private decodeColumns(header: BatchHeader, at: MessageAt, projection: BatchProjection, body: Uint8Array, fields: Field[], state: LoadState): Data[] {
    const path = this.file.path;
    const { bytes, buffers } = decompressed(path, header, body, projection.buffers);
    return decode(path, at, () => new VectorLoader(bytes, projection.nodes, buffers, state.dictionaries, this.schema.metadataVersion, projection.variadicCounts).visitMany(fields));
  }

  /**
   * The column ranges are read concurrently (libuv's thread pool copies them in parallel); all
   * reads end before the first failure in range order is reported, as a sequential read would.
   */
  private async readProjection(into: Uint8Array, projection: BatchProjection, at: MessageAt): Promise<void> {
    const settled = await Promise.allSettled(projection.reads.map((r) => this.file.readInto(into, r.at, r.to - r.from, at.bodyStart + r.from)));
    for (const s of settled) if (s.status === 'rejected') throw s.reason;
  }

  /** The dictionaries (of `ids`) deferred since the batches that were read: see deferDictionary. */
  private async loadPendingDictionaries(state: LoadState, ids: ReadonlySet<number>): Promise<void> {
    for (const id of ids) {
      const pending = state.pending.get(id);
      if (pending === undefined) continue;
      state.pending.delete(id);
      for (const p of pending) await this.loadDictionary(p.header, p.at, state);
    }
  }

  private async loadDictionary(header: DictionaryBatch, at: MessageAt, state: LoadState): Promise<void> {
    const type = this.schema.dictionaries.get(header.id);
    if (type === undefined) throw new InputError(`${this.file.path}: corrupt Arrow IPC data (dictionary ${header.id} is not in the schema)`, this.file.path, undefined, at.bodyStart);
    const body = await this.file.readExact(at.bodyStart, at.message.bodyLength);
    state.onBytes(body.length);
    const { bytes, buffers } = decompressed(this.file.path, header.data, body, header.data.buffers);
    const loader = new VectorLoader(bytes, header.data.nodes, buffers, state.dictionaries, this.schema.metadataVersion, header.data.variadicBufferCounts);
    const data = decode(this.file.path, at, () => loader.visitMany([type]));
    // The dictionary's length comes from its metadata: a corrupt one must not size an allocation
    // (apache-arrow's memoize makes an array of that length) past what its offsets can describe.
    for (const d of data) {
      const offsets = d.valueOffsets as ArrayLike<unknown> | undefined;
      if (offsets !== undefined && offsets.length < d.length + 1) {
        throw new InputError(`${this.file.path}: corrupt Arrow IPC data at byte ${at.bodyStart} (dictionary ${header.id} claims ${d.length} values, its offsets hold ${Math.max(0, offsets.length - 1)})`, this.file.path, undefined, at.bodyStart);
      }
    }
    const previous = state.dictionaries.get(header.id);
    const next = decode(this.file.path, at, () => (header.isDelta && previous !== undefined ? previous.concat(new Vector(data)) : new Vector(data)).memoize());
    state.dictionaries.set(header.id, next);
  }
}

interface LoadState {
  dictionaries: Map<number, Vector>;
  /** Dictionary batches met but not read yet, per id, in file order (see deferDictionary). */
  pending: Map<number, { header: DictionaryBatch; at: MessageAt }[]>;
  /** Dictionary ids the wanted columns use: the others' dictionary batches are not read. */
  needed: Set<number>;
  onBytes: (n: number) => void;
}

/**
 * Notes a dictionary batch to be read when a batch that uses it is read. Why: a stream written with
 * a dictionary per batch (kqlr convert: write/batch-dictionaries.ts) replaces a column's dictionary
 * before every record batch, and the dictionaries of batches a filter skips unread need not be
 * read either. A replacement drops the deltas and replacement noted before it for that id;
 * deltas queue after it. Dictionaries of columns no one asked for are never noted.
 */
function deferDictionary(header: DictionaryBatch, at: MessageAt, state: LoadState): void {
  if (!state.needed.has(header.id)) return;
  const pending = state.pending.get(header.id);
  if (header.isDelta && pending !== undefined) pending.push({ header, at });
  else state.pending.set(header.id, [{ header, at }]);
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** A read whose failure matters only if its result is used (valueOf). */
async function outcome<T>(read: Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await read };
  } catch (error) {
    return { ok: false, error };
  }
}

function valueOf<T>(o: Outcome<T>): T {
  if (!o.ok) throw o.error;
  return o.value;
}

/** Both, the first's failure reported before the second's (as reading them one after the other would). */
async function inOrder<T>(first: Promise<void>, second: Promise<T>): Promise<T> {
  const [a, b] = await Promise.allSettled([first, second]);
  if (a.status === 'rejected') throw a.reason;
  if (b.status === 'rejected') throw b.reason;
  return b.value;
}

function sortedUnique(columns: readonly number[]): number[] {
  return [...new Set(columns)].sort((a, b) => a - b);
}

function layoutsOf(schema: Schema): ColumnLayout[] | null {
  const layouts: ColumnLayout[] = [];
  for (const f of schema.fields) {
    const l = columnLayout(f, schema.metadataVersion);
    if (l === null) return null;
    layouts.push(l);
  }
  return layouts;
}

function dictionaryIds(fields: readonly Field[]): Set<number> {
  const ids = new Set<number>();
  const visit = (type: DataType): void => {
    if (DataType.isDictionary(type)) {
      ids.add(type.id);
      visit(type.dictionary);
    }
    for (const c of (type.children ?? []) as Field[]) visit(c.type);
  };
  for (const f of fields) visit(f.type);
  return ids;
}

/**
 * IPC body compression (LZ4 frame / ZSTD) compresses each buffer separately behind an int64
 * uncompressed length (-1: stored as is). Decoded only with a codec registered in apache-arrow's
 * `compressionRegistry`; kql-replay registers none, so such files get a clear error.
 */
function decompressed(path: string, header: BatchHeader, body: Uint8Array, regions: BufferRegion[]): { bytes: Uint8Array; buffers: BufferRegion[] } {
  if (header.compression === null || header.compression === undefined) return { bytes: body, buffers: regions };
  const name = header.compression.type === 0 ? 'LZ4_FRAME' : header.compression.type === 1 ? 'ZSTD' : `type ${header.compression.type}`;
  const codec = compressionRegistry.get(header.compression.type);
  if (codec === null || typeof codec.decode !== 'function') {
    throw new InputError(`${path}: Arrow IPC body compression ${name} is not supported; write the file uncompressed (pyarrow: compression=None) or convert it to Parquet`, path);
  }
  const parts = regions.map((r) => {
    if (r.length === 0) return new Uint8Array(0);
    const view = new DataView(body.buffer, body.byteOffset + r.offset, 8);
    const raw = body.subarray(r.offset + 8, r.offset + r.length);
    return view.getBigInt64(0, true) === -1n ? raw : codec.decode!(raw);
  });
  let length = 0;
  const buffers = parts.map((p) => {
    length = (length + 7) & ~7;
    const region = new BufferRegion(length, p.length);
    length += p.length;
    return region;
  });
  const bytes = newBuffer(length);
  parts.forEach((p, i) => bytes.set(p, buffers[i]!.offset));
  return { bytes, buffers };
}

function decode<T>(path: string, at: MessageAt, f: () => T): T {
  try {
    return f();
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`${path}: corrupt Arrow IPC data at byte ${at.bodyStart} (${(err as Error).message})`, path, undefined, at.bodyStart);
  }
}
