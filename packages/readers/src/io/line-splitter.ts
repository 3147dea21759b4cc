import { MAX_RECORD_CHARS, RecordTooLongError } from './record-limit.js';

/** A run of complete lines; `firstLine` is the 1-based number of `lines[0]`. */
export interface LineBlock {
  lines: string[];
  firstLine: number;
}

/**
 * Splits text chunks into lines (LF or CRLF; a final line without a line break is kept). Lines
 * are handed out in blocks, one per input chunk, to avoid a promise per line. Only the new chunk
 * is searched for a line break and an unfinished line is kept as a list of pieces, joined once at
 * its end: a single 100 MB line costs one pass, not one re-scan of the whole line per chunk.
 */
export async function* lineBlocks(chunks: AsyncIterable<string>, maxLine = MAX_RECORD_CHARS): AsyncGenerator<LineBlock> {
  let pieces: string[] = [];
  let pending = 0;
  let lineNo = 1;
  for await (const chunk of chunks) {
    const lines: string[] = [];
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf('\n', start);
      if (nl < 0) break;
      let line = chunk.slice(start, nl);
      if (pieces.length > 0) {
        pieces.push(line);
        line = pieces.join('');
        pieces = [];
        pending = 0;
      }
      if (line.length > maxLine) throw new RecordTooLongError(lineNo + lines.length, maxLine);
      lines.push(line.charCodeAt(line.length - 1) === 13 ? line.slice(0, -1) : line);
      start = nl + 1;
    }
    if (start < chunk.length) {
      pieces.push(start === 0 ? chunk : chunk.slice(start));
      pending += chunk.length - start;
      if (pending > maxLine) throw new RecordTooLongError(lineNo + lines.length, maxLine);
    }
    if (lines.length > 0) {
      yield { lines, firstLine: lineNo };
      lineNo += lines.length;
    }
  }
  if (pieces.length > 0) {
    const carry = pieces.join('');
    const last = carry.charCodeAt(carry.length - 1) === 13 ? carry.slice(0, -1) : carry;
    yield { lines: [last], firstLine: lineNo };
  }
}
