import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { RecordBatch } from 'apache-arrow';
import {
  InputError, INPUT_FORMATS, openInputs, parseInputSpec, writeBatches,
  type InputFormat, type InputSpec, type MalformedRecord, type OutputFormat,
} from '@kqlr/readers';
import { UserError } from '../exit-codes.js';

export { registerConvertCommand } from './convert-command.js';

export interface ConvertOptions {
  data: string[];
  to: string;
  out: string;
  force?: boolean;
  strict?: boolean;
  timezone?: string;
  format?: string;
}

/**
 * Rows per written batch (Arrow IPC record batch; Parquet row groups are set apart). Larger than
 * the readers' default: every batch of the file costs its reader a message header per column and
 * a dictionary per string column, and zone maps skip whole batches; 16 Ki-row batches made
 * replaying a converted 1e6-row file ~40% slower than 64 Ki.
 */
export const CONVERT_BATCH_ROWS = 65_536;

/** How many malformed records are listed on stderr before only counting. */
const MALFORMED_SHOWN = 20;

/** The action of `kqlr convert` (registered by convert-command.ts). */
export async function convert(options: ConvertOptions): Promise<void> {
  const to = parseOutputFormat(options.to);
  const specs = parseSpecs(options.data, options.format);
  let malformed = 0;
  const onMalformed = (m: MalformedRecord): void => {
    malformed++;
    if (malformed <= MALFORMED_SHOWN) process.stderr.write(`kqlr: skipped malformed record: ${describe(m)}\n`);
  };
  const onWarning = (w: string): void => {
    process.stderr.write(`kqlr: warning: ${w}\n`);
  };
  try {
    const set = await openInputs(specs, {
      onMalformed, onWarning,
      ...(options.strict ? { strict: true } : {}),
      ...(options.timezone !== undefined ? { timezone: options.timezone } : {}),
    });
    await mkdir(options.out, { recursive: true }).catch((err: unknown) => {
      throw new UserError(`cannot create output directory ${options.out}: ${(err as Error).message}`);
    });
    const targets = [...set.tables.keys()].map((table) => ({ table, path: join(options.out, `${table}.${to}`) }));
    if (!options.force) {
      for (const t of targets) {
        if (await exists(t.path)) throw new UserError(`${t.path} already exists (use --force to overwrite)`);
      }
    }
    for (const { table, path } of targets) {
      const provider = set.tables.get(table)!;
      const batches = provider.scan({ batchSize: CONVERT_BATCH_ROWS })[Symbol.asyncIterator]();
      const first = await batches.next();
      if (first.done) {
        process.stdout.write(`${table}: no rows, nothing written\n`);
        continue;
      }
      const tmp = `${path}.tmp-${process.pid}`;
      try {
        const result = await writeBatches(prepend(first.value, batches), tmp, to);
        await rename(tmp, path);
        process.stdout.write(`${table}: ${result.rows} rows -> ${path} (${result.bytes} bytes)\n`);
      } catch (err) {
        await rm(tmp, { force: true });
        throw err;
      }
    }
    if (malformed > 0) {
      process.stderr.write(`kqlr: ${malformed} malformed record(s) skipped${malformed > MALFORMED_SHOWN ? ` (first ${MALFORMED_SHOWN} shown)` : ''}\n`);
    }
  } catch (err) {
    if (err instanceof InputError) throw new UserError(err.message);
    throw err;
  }
}

async function* prepend(first: RecordBatch, rest: AsyncIterator<RecordBatch>): AsyncGenerator<RecordBatch> {
  yield first;
  for (;;) {
    const next = await rest.next();
    if (next.done) return;
    yield next.value;
  }
}

function parseOutputFormat(to: string): OutputFormat {
  if (to === 'parquet' || to === 'arrow') return to;
  throw new UserError(`unknown --to '${to}' (expected parquet or arrow)`);
}

function parseSpecs(data: string[], format: string | undefined): InputSpec[] {
  if (format !== undefined && !(INPUT_FORMATS as readonly string[]).includes(format)) {
    throw new UserError(`unknown --format '${format}' (expected one of ${INPUT_FORMATS.join(', ')})`);
  }
  try {
    return data.map((d) => {
      const spec = parseInputSpec(d);
      return format === undefined ? spec : { ...spec, format: format as InputFormat };
    });
  } catch (err) {
    if (err instanceof InputError) throw new UserError(err.message);
    throw err;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

function describe(m: MalformedRecord): string {
  const where = m.line !== undefined ? `:${m.line}` : m.offset !== undefined ? ` (byte ${m.offset})` : '';
  return `${m.file}${where}: ${m.reason}`;
}
