import type { RecordBatch } from 'apache-arrow';
import { lineBlocks } from '../../io/line-splitter.js';
import type { TableScan } from '../../scan/table-scan.js';
import { JsonDocumentSplitter } from './json-document-splitter.js';
import { JsonRecordRouter } from './json-record-router.js';
import { jsonNeedleForms } from '../../scan/scan-hints.js';
import { needleLineBlocks, type SparseLineBlock } from '../../io/needle-lines.js';
import { JsonLineCheck } from './json-line-check.js';

/**
 * JSON inputs (§3b, §3c): JSON Lines (each line parsed on its own, so a cut line costs only that
 * line), or one document split into records as it streams (`{"records":[...]}` pretty-printed,
 * hunting API `{"schema":...,"results":[...]}`, a top-level array).
 */
export async function* readJson(scan: TableScan): AsyncGenerator<RecordBatch> {
  const single = scan.file.tables.length === 1;
  const router = new JsonRecordRouter(scan.table, scan.schema, scan.builder, scan.ctx, single);
  const { builder, ctx } = scan;
  if (scan.file.jsonLayout === 'document') {
    const splitter = new JsonDocumentSplitter((line, text) => ctx.reportMalformed(`text outside any JSON value: ${JSON.stringify(text)}`, line));
    for await (const chunk of scan.text()) {
      for (const el of splitter.feed(chunk)) {
        parseAndRoute(el.text, el.line);
        if (ctx.batchDue(builder.rows, scan.batchSize)) yield builder.flush();
      }
    }
    if (splitter.unfinished) ctx.reportMalformed('the JSON document ends early (truncated file?)', splitter.currentLine);
  } else {
    // A later pass over a file whose records were all checked once may skip lines by raw text.
    const needle = ctx.quietPass ? `AdvancedHunting-${scan.table}"` : undefined;
    const forms = jsonNeedleForms(scan.textNeedles);
    // Lines the prefilter skips are still checked (and counted) on their bytes: skipping is unobservable.
    const check = forms === undefined ? undefined : new JsonLineCheck(scan.table, scan.schema, builder, ctx, single);
    const blocks = forms === undefined ? denseBlocks(scan.text()) : needleLineBlocks(scan.bytes(), forms, { check });
    for await (const block of blocks) {
      const lines = block.lines;
      for (let k = 0; k < lines.length; k++) {
        const text = lines[k]!;
        if (text.length === 0 || isBlank(text)) continue;
        if (needle !== undefined && text.includes('"category"') && !text.includes(needle) && !text.includes('\\u')) continue;
        parseAndRoute(text, block.lineNumbers[k]!);
        if (ctx.batchDue(builder.rows, scan.batchSize)) yield builder.flush();
      }
    }
    if (check !== undefined) ctx.foldSkipped(check.tally, builder);
  }
  if (builder.rows > 0) yield builder.flush();

  function parseAndRoute(text: string, line: number): void {
    let v: unknown;
    try {
      v = JSON.parse(text);
    } catch (err) {
      ctx.reportMalformed(`invalid JSON (${(err as Error).message})`, line);
      return;
    }
    router.route(v, line);
  }
}

/** Every line, in the shape of needleLineBlocks' output. */
async function* denseBlocks(chunks: AsyncIterable<string>): AsyncGenerator<SparseLineBlock> {
  for await (const block of lineBlocks(chunks)) {
    yield { lines: block.lines, lineNumbers: Array.from(block.lines, (_, k) => block.firstLine + k) };
  }
}

function isBlank(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}
