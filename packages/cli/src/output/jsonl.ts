import type { RecordBatch, Vector } from 'apache-arrow';
import { formatDatetime, formatTimespan, kqlTypeOfField, type KqlType } from '@kqlr/common';

/**
 * JSON-lines rendering of result batches (kql-semantics.md §2.1): one object per row, keys are the
 * column names in schema order. long prints exactly (also beyond 2^53), NaN/±Infinity as strings,
 * datetime as `YYYY-MM-DDThh:mm:ss.fffffffZ`, timespan in the .NET constant form, dynamic as native
 * JSON (the stored compact JSON text is emitted as is), strings never null, other nulls `null`.
 * Rows are rendered batch by batch straight from the Arrow vectors; no row objects are built.
 */
export function* jsonlLines(batch: RecordBatch): Generator<string> {
  const fields = batch.schema.fields;
  const keys = fields.map((f) => `${JSON.stringify(f.name)}:`);
  const formatters = fields.map((f, j) => cellFormatter(batch.getChildAt(j)!, kqlTypeOfField(f)));
  for (let row = 0; row < batch.numRows; row++) {
    let line = '{';
    for (let j = 0; j < formatters.length; j++) {
      if (j > 0) line += ',';
      line += keys[j]! + formatters[j]!(row);
    }
    yield line + '}\n';
  }
}

function cellFormatter(vector: Vector, type: KqlType): (row: number) => string {
  const get = (row: number): unknown => vector.get(row);
  switch (type) {
    case 'string':
      return (row) => JSON.stringify(stringOf(get(row)));
    case 'bool':
      return (row) => {
        const v = get(row);
        return v === null || v === undefined ? 'null' : v ? 'true' : 'false';
      };
    case 'int':
    case 'real':
    case 'decimal':
      return (row) => numberJson(get(row));
    case 'long':
      return (row) => {
        const v = get(row);
        return v === null || v === undefined ? 'null' : String(v);
      };
    case 'datetime':
      return (row) => {
        const v = get(row);
        return typeof v === 'bigint' ? `"${formatDatetime(v)}"` : 'null';
      };
    case 'timespan':
      return (row) => {
        const v = get(row);
        return typeof v === 'bigint' ? `"${formatTimespan(v)}"` : 'null';
      };
    case 'guid':
      return (row) => {
        const v = get(row);
        return v === null || v === undefined ? 'null' : JSON.stringify(String(v));
      };
    case 'dynamic':
      return (row) => {
        const v = get(row);
        return v === null || v === undefined ? 'null' : dynamicJson(String(v));
      };
  }
}

function stringOf(v: unknown): string {
  return v === null || v === undefined ? '' : String(v);
}

function numberJson(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  const n = typeof v === 'bigint' ? Number(v) : Number(v);
  if (Number.isNaN(n)) return '"NaN"';
  if (n === Infinity) return '"Infinity"';
  if (n === -Infinity) return '"-Infinity"';
  return String(n);
}

/** Stored dynamic text is compact JSON; anything else is emitted as a JSON string. */
function dynamicJson(text: string): string {
  try {
    JSON.parse(text);
    return text;
  } catch {
    return JSON.stringify(text);
  }
}

/**
 * Collects output text and writes it out only when the run succeeds, so an error never leaves
 * partial rows on stdout. Past `limit` characters it starts streaming (memory stays bounded for
 * huge results), awaiting the sink so a slow consumer applies backpressure; an error after that
 * point still exits non-zero.
 */
export class DeferredWriter {
  private pieces: string[] = [];
  private size = 0;
  private streaming = false;

  constructor(
    private readonly write: (text: string) => Promise<void> | void,
    private readonly limit = 8 * 1024 * 1024,
  ) {}

  async push(text: string): Promise<void> {
    if (this.streaming) {
      await this.write(text);
      return;
    }
    this.pieces.push(text);
    this.size += text.length;
    if (this.size > this.limit) {
      this.streaming = true;
      await this.flush();
    }
  }

  async flush(): Promise<void> {
    const text = this.pieces.join('');
    this.pieces = [];
    this.size = 0;
    if (text !== '') await this.write(text);
  }
}

/** A sink for DeferredWriter that waits for 'drain' when the stream's buffer is full. */
export function streamSink(stream: NodeJS.WritableStream): (text: string) => Promise<void> {
  return (text) =>
    new Promise((resolve, reject) => {
      if (stream.write(text, (err) => (err ? reject(err) : undefined))) resolve();
      else stream.once('drain', () => resolve());
    });
}

/** All JSON lines of one batch as one string (one write per batch, not per row). */
export function jsonlText(batch: RecordBatch): string {
  let text = '';
  for (const line of jsonlLines(batch)) text += line;
  return text;
}
