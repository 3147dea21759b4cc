import { lineBlocks } from '../../io/line-splitter.js';
import type { InputFile } from '../../scan/input-file.js';
import { csvRecords, isBlankRecord } from '../csv/csv-parser.js';
import { parseSentinelHeader } from '../csv/sentinel-header.js';
import type { FileScanContext } from '../../scan/scan-context.js';
import { JsonDocumentSplitter } from '../json/json-document-splitter.js';
import { elasticToSysmon } from './elastic-sysmon.js';
import type { SysmonEvent } from './sysmon-event.js';
import { scanEvent } from './xml-event-scanner.js';
import { syslogLineEvent } from './syslog-line.js';

export interface LocatedEvent {
  event: SysmonEvent;
  line: number;
}

/** EventIDs a pass needs (undefined = all, with every record fully checked). */
type Wanted = ((eventId: number) => boolean) | undefined;

/** `<Event>` or `<Event ...>` but not `<EventData>`, `<EventID>`, `<Events>`. */
const EVENT_START = /<Event[\s>]/g;

/**
 * Sysmon records of one file, in file order, whatever the shipping form: syslog lines (both
 * timestamp forms, optional `<PRI>`, `sysmon:` or `sysmon[pid]:`; other programs' lines are
 * skipped and counted), bare `<Event>` lines, XML documents (declaration, pretty-printed events,
 * optional wrapper), or Elastic/Filebeat JSON. Broken records are reported and skipped.
 */
export async function* sysmonEvents(
  text: AsyncIterable<string>,
  ctx: FileScanContext,
  file: Pick<InputFile, 'jsonLayout' | 'syslogCsv'>,
  wanted?: (eventId: number) => boolean,
): AsyncGenerator<LocatedEvent[]> {
  if (file.jsonLayout !== undefined) {
    yield* elasticEvents(text, ctx, file.jsonLayout);
    return;
  }
  if (file.syslogCsv) {
    yield* syslogTableCsvEvents(text, ctx, wanted);
    return;
  }
  const it = text[Symbol.asyncIterator]();
  const first = await it.next();
  if (first.done) return;
  const rest: AsyncIterable<string> = { [Symbol.asyncIterator]: () => it };
  const head = first.value.trimStart();
  const replay = prepend(first.value, rest);
  if (head.startsWith('<')) yield* documentEvents(replay, ctx, wanted);
  else yield* syslogEvents(replay, ctx, wanted);
}

async function* prepend(first: string, rest: AsyncIterable<string>): AsyncGenerator<string> {
  yield first;
  yield* rest;
}

async function* syslogEvents(text: AsyncIterable<string>, ctx: FileScanContext, wanted: Wanted): AsyncGenerator<LocatedEvent[]> {
  for await (const block of lineBlocks(text)) {
    const out: LocatedEvent[] = [];
    for (let k = 0; k < block.lines.length; k++) {
      const lineNo = block.firstLine + k;
      const r = syslogLineEvent(block.lines[k]!, ctx, wanted);
      if (r === undefined || r === null) continue;
      if ('error' in r) ctx.reportMalformed(r.error, lineNo);
      else out.push({ event: r, line: lineNo });
    }
    if (out.length > 0) yield out;
  }
}

/**
 * XML documents: each `<Event>` element is a record wherever it sits (after a declaration, inside
 * a wrapper, one per line or pretty-printed). An element cut before `</Event>` is detected when
 * the next `<Event>` starts first.
 */
async function* documentEvents(text: AsyncIterable<string>, ctx: FileScanContext, wanted: Wanted): AsyncGenerator<LocatedEvent[]> {
  let buf = '';
  let bufLine = 1;
  for await (const chunk of text) {
    buf += chunk;
    const out: LocatedEvent[] = [];
    const consumed = drain(buf, bufLine, false, ctx, out, wanted);
    bufLine = consumed.line;
    buf = buf.slice(consumed.pos);
    if (out.length > 0) yield out;
  }
  const out: LocatedEvent[] = [];
  drain(buf, bufLine, true, ctx, out, wanted);
  if (out.length > 0) yield out;
}

function drain(buf: string, startLine: number, atEnd: boolean, ctx: FileScanContext, out: LocatedEvent[], wanted: Wanted): { pos: number; line: number } {
  let pos = 0;
  let line = startLine;
  for (;;) {
    EVENT_START.lastIndex = pos;
    const m = EVENT_START.exec(buf);
    if (!m) {
      // Keep a tail that may hold the beginning of `<Event`.
      const keep = atEnd ? buf.length : Math.max(pos, buf.length - 8);
      line += countLines(buf, pos, keep);
      return { pos: keep, line };
    }
    const start = m.index;
    line += countLines(buf, pos, start);
    const close = buf.indexOf('</Event>', start);
    EVENT_START.lastIndex = start + 6;
    const next = EVENT_START.exec(buf);
    if (next !== null && (close < 0 || next.index < close)) {
      ctx.reportMalformed('record is cut before </Event>', line);
      line += countLines(buf, start, next.index);
      pos = next.index;
      continue;
    }
    if (close < 0) {
      if (atEnd) {
        ctx.reportMalformed('record is cut before </Event> (file ends)', line);
        return { pos: buf.length, line };
      }
      return { pos: start, line };
    }
    const r = scanEvent(buf.slice(start, close + 8), wanted);
    if (r === null) {
      // not needed by this pass
    } else if ('error' in r) ctx.reportMalformed(r.error, line);
    else out.push({ event: r, line });
    line += countLines(buf, start, close + 8);
    pos = close + 8;
  }
}

function countLines(s: string, from: number, to: number): number {
  let k = 0;
  for (let i = s.indexOf('\n', from); i >= 0 && i < to; i = s.indexOf('\n', i + 1)) k++;
  return k;
}

async function* elasticEvents(text: AsyncIterable<string>, ctx: FileScanContext, layout: 'lines' | 'document'): AsyncGenerator<LocatedEvent[]> {
  const handle = (raw: string, line: number, out: LocatedEvent[]): void => {
    let v: unknown;
    try {
      v = JSON.parse(raw);
    } catch (err) {
      ctx.reportMalformed(`invalid JSON (${(err as Error).message})`, line);
      return;
    }
    const list = Array.isArray(v) ? v : [v];
    for (const item of list) {
      const e = elasticToSysmon(item);
      if (e === null) ctx.skipLine();
      else if ('error' in e) ctx.reportMalformed(e.error, line);
      else out.push({ event: e, line });
    }
  };
  if (layout === 'document') {
    const splitter = new JsonDocumentSplitter((line, t) => ctx.reportMalformed(`text outside any JSON value: ${JSON.stringify(t)}`, line));
    for await (const chunk of text) {
      const out: LocatedEvent[] = [];
      for (const el of splitter.feed(chunk)) handle(el.text, el.line, out);
      if (out.length > 0) yield out;
    }
    if (splitter.unfinished) ctx.reportMalformed('the JSON document ends early (truncated file?)', splitter.currentLine);
    return;
  }
  for await (const block of lineBlocks(text)) {
    const out: LocatedEvent[] = [];
    block.lines.forEach((l, k) => {
      if (l.trim() !== '') handle(l, block.firstLine + k, out);
    });
    if (out.length > 0) yield out;
  }
}

/**
 * Log Analytics export of the `Syslog` table (Azure Monitor Agent, §4.5): one CSV row per syslog
 * message, the `<Event>` XML in `SyslogMessage`; rows of other programs are skipped and counted.
 */
async function* syslogTableCsvEvents(text: AsyncIterable<string>, ctx: FileScanContext, wanted: Wanted): AsyncGenerator<LocatedEvent[]> {
  let msgAt = -1;
  let width = 0;
  for await (const block of csvRecords(text)) {
    const out: LocatedEvent[] = [];
    for (const rec of block) {
      if (msgAt < 0) {
        if (isBlankRecord(rec)) continue;
        const names = rec.fields.map((f) => parseSentinelHeader(f).name);
        msgAt = names.indexOf('SyslogMessage');
        width = names.length;
        continue;
      }
      if (isBlankRecord(rec)) continue;
      if (rec.error || rec.fields.length !== width) {
        ctx.reportMalformed(rec.error ?? `expected ${width} fields (as in the header), found ${rec.fields.length}`, rec.line);
        continue;
      }
      const msg = rec.fields[msgAt]!;
      const at = msg.indexOf('<Event');
      if (at < 0 || !/^<Event[\s>]/.test(msg.slice(at, at + 7))) {
        ctx.skipLine();
        continue;
      }
      const r = scanEvent(msg.slice(at).trim(), wanted);
      if (r === null) continue;
      if ('error' in r) ctx.reportMalformed(r.error, rec.line);
      else out.push({ event: r, line: rec.line });
    }
    if (out.length > 0) yield out;
  }
}
