/** A run of complete lines; `firstLine` is the 1-based number of `lines[0]`. */
export interface LineBlock {
  lines: string[];
  firstLine: number;
}

/**
 * Splits text chunks into lines (LF or CRLF; a final line without a line break is kept). Lines
 * are handed out in blocks, one per input chunk, to avoid a promise per line.
 */
export async function* lineBlocks(chunks: AsyncIterable<string>): AsyncGenerator<LineBlock> {
  let carry = '';
  let lineNo = 1;
  for await (const chunk of chunks) {
    const text = carry.length > 0 ? carry + chunk : chunk;
    const lines: string[] = [];
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      if (nl < 0) break;
      const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      lines.push(text.slice(start, end));
      start = nl + 1;
    }
    carry = text.slice(start);
    if (lines.length > 0) {
      yield { lines, firstLine: lineNo };
      lineNo += lines.length;
    }
  }
  if (carry.length > 0) {
    const last = carry.charCodeAt(carry.length - 1) === 13 ? carry.slice(0, -1) : carry;
    yield { lines: [last], firstLine: lineNo };
  }
}
