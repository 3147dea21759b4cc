import type { RecordBatch } from 'apache-arrow';
import { InputError } from '../../input-error.js';
import { CellError } from '../../values/cell-error.js';
import type { TableScan } from '../../scan/table-scan.js';
import { csvRecords, csvRecordsOfText, isBlankRecord, type CsvRecord } from './csv-parser.js';
import { csvNeedleForms } from '../../scan/scan-hints.js';
import { csvWholeRecords, needleLineBlocks } from '../../io/needle-lines.js';
import { textChunks } from '../../io/text-chunks.js';
import { CsvRecordCheck } from './csv-record-check.js';

/**
 * Defender portal CSV export (§3a): header of column names, mapped to the schema by name (schema
 * columns absent from the header read as null / ""). Values are typed by the schema.
 */
export async function* readDefenderCsv(scan: TableScan): AsyncGenerator<RecordBatch> {
  const { builder, ctx, schema } = scan;
  let mapping: number[] | undefined;
  let width = 0;
  const forms = csvNeedleForms(scan.textNeedles);
  // Record lines the prefilter skips are still checked (and counted) on their bytes: skipping is unobservable.
  const check = forms === undefined ? undefined : new CsvRecordCheck(schema, builder);
  for await (const block of records(scan, forms, check)) {
    for (const rec of block) {
      if (mapping === undefined) {
        if (isBlankRecord(rec)) continue;
        if (rec.error) throw new InputError(`${scan.file.path}:${rec.line}: malformed CSV header: ${rec.error}`, scan.file.path, rec.line);
        width = rec.fields.length;
        const names = schema.columns.map((c) => c.name);
        mapping = rec.fields.map((h) => names.indexOf(h.trim()));
        const extras = rec.fields.filter((_, k) => mapping![k]! < 0);
        if (extras.length > 0) {
          ctx.warn(`${extras.length} column(s) not in ${scan.table} ignored: ${extras.slice(0, 8).join(', ')}${extras.length > 8 ? ', ...' : ''}`);
        }
        continue;
      }
      if (isBlankRecord(rec) && width !== 1) continue;
      if (rec.error) {
        ctx.reportMalformed(rec.error, rec.line);
        continue;
      }
      if (rec.fields.length !== width) {
        ctx.reportMalformed(`expected ${width} fields (as in the header), found ${rec.fields.length}`, rec.line);
        continue;
      }
      try {
        for (let k = 0; k < width; k++) {
          const col = mapping[k]!;
          if (col >= 0) builder.setText(col, rec.fields[k]!);
        }
        builder.commitRow();
      } catch (err) {
        if (!(err instanceof CellError)) throw err;
        builder.abortRow();
        ctx.reportMalformed(err.message, rec.line);
        continue;
      }
      if (ctx.batchDue(builder.rows, scan.batchSize)) yield builder.flush();
    }
  }
  if (mapping === undefined) throw new InputError(`${scan.file.path}: empty file (no CSV header)`, scan.file.path);
  if (check !== undefined) ctx.foldSkipped(check.tally, builder);
  if (builder.rows > 0) yield builder.flush();
}

/** Every record, or with text needles only the header and the record lines holding a needle. */
async function* records(scan: TableScan, forms: string[] | undefined, check: CsvRecordCheck | undefined): AsyncGenerator<CsvRecord[]> {
  if (forms === undefined) {
    yield* csvRecords(scan.onOpenTail === undefined ? scan.text() : textChunks(csvWholeRecords(scan.bytes(), scan.onOpenTail)));
    return;
  }
  const options = { csvQuotes: true, keepHeader: true, ...(check ? { check } : {}), ...(scan.onOpenTail ? { onOpenTail: scan.onOpenTail } : {}) };
  for await (const block of needleLineBlocks(scan.bytes(), forms, options)) {
    const out: CsvRecord[] = [];
    block.lines.forEach((text, k) => out.push(...csvRecordsOfText(text, block.lineNumbers[k]!)));
    yield out;
  }
}
