import { decodeXmlText } from './xml-text.js';
import type { SysmonBroken, SysmonEvent } from './sysmon-event.js';

/**
 * Reads one `<Event>...</Event>` element of Sysmon for Linux with indexOf scans instead of a
 * general XML parser (parsing dominates run time). It accepts what libxml2's writer emits and the
 * pretty-printed form (whitespace between elements), decodes entities and character references,
 * and rejects what is not well-formed in the parts it reads (a cut record, a stray `<` in a
 * value, an unknown entity). Checked against saxes on the same inputs in the tests. Returns null
 * when `wanted` rejects the EventID.
 */
export function scanEvent(xml: string, wanted?: (eventId: number) => boolean): SysmonEvent | SysmonBroken | null {
  const end = xml.lastIndexOf('</Event>');
  if (!/^<Event[\s>]/.test(xml)) return { error: 'record does not start with <Event>' };
  if (end < 0 || xml.slice(end + 8).trim() !== '') return { error: 'record is cut before </Event> (truncated line?)' };
  const sysStart = xml.indexOf('<System>');
  const sysEnd = xml.indexOf('</System>');
  if (sysStart < 0 || sysEnd < sysStart) return { error: 'no <System> element' };
  const system = xml.slice(sysStart, sysEnd);
  const eventIdText = elementText(system, 'EventID');
  if (eventIdText === null || !/^\d+$/.test(eventIdText)) return { error: 'missing or invalid <EventID>' };
  // Events the caller does not need are not read further (a later pass over checked input).
  if (wanted !== undefined && !wanted(Number(eventIdText))) return null;
  const recordId = elementText(system, 'EventRecordID') ?? '';
  const computer = elementText(system, 'Computer');
  if (computer === null) return { error: 'missing or invalid <Computer>' };
  const systemTime = attributeOf(system, 'TimeCreated', 'SystemTime') ?? '';

  const data: Record<string, string> = {};
  const edStart = xml.indexOf('<EventData', sysEnd);
  if (edStart >= 0) {
    const selfClosed = /^<EventData\s*\/>/.test(xml.slice(edStart, edStart + 20));
    if (!selfClosed) {
      const open = xml.indexOf('>', edStart);
      const close = xml.indexOf('</EventData>', open);
      if (open < 0 || close < 0) return { error: 'record is cut inside <EventData>' };
      const err = readData(xml, open + 1, close, data);
      if (err !== null) return { error: err };
    }
  }
  return { eventId: Number(eventIdText), recordId, computer, systemTime, data };
}

/** Text of `<tag>text</tag>` (or `<tag attr=...>text</tag>`) inside `s`, trimmed and decoded. */
function elementText(s: string, tag: string): string | null {
  const open = s.indexOf(`<${tag}`);
  if (open < 0) return null;
  const after = s.charCodeAt(open + tag.length + 1);
  if (after !== 62 && after !== 32 && after !== 9 && after !== 10 && after !== 13) return null;
  const gt = s.indexOf('>', open);
  if (gt < 0) return null;
  if (s.charCodeAt(gt - 1) === 47) return '';
  const close = s.indexOf(`</${tag}>`, gt);
  if (close < 0) return null;
  const raw = s.slice(gt + 1, close);
  if (raw.includes('<')) return null;
  return decodeXmlText(raw.trim());
}

function attributeOf(s: string, tag: string, attr: string): string | null {
  const open = s.indexOf(`<${tag}`);
  if (open < 0) return null;
  const gt = s.indexOf('>', open);
  const head = s.slice(open, gt < 0 ? undefined : gt);
  const m = new RegExp(`\\s${attr}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(head);
  if (!m) return null;
  return decodeXmlText(m[1] ?? m[2] ?? '');
}

const DATA_OPEN = '<Data';

/** `<Data Name="X">value</Data>` or `<Data Name="X"/>` elements separated by whitespace only. */
function readData(xml: string, from: number, to: number, out: Record<string, string>): string | null {
  let p = from;
  for (;;) {
    while (p < to && isSpace(xml.charCodeAt(p))) p++;
    if (p >= to) return null;
    if (!xml.startsWith(DATA_OPEN, p) || !isSpaceOrEnd(xml.charCodeAt(p + 5))) {
      return `unexpected content in <EventData>: ${JSON.stringify(xml.slice(p, p + 30))}`;
    }
    // `<Data Name="X">` / `<Data Name='X'/>`, read without a regex (hot loop).
    let q = p + 5;
    while (isSpace(xml.charCodeAt(q))) q++;
    if (!xml.startsWith('Name', q)) return `invalid <Data> tag: ${JSON.stringify(xml.slice(p, p + 40))}`;
    q += 4;
    while (isSpace(xml.charCodeAt(q))) q++;
    if (xml.charCodeAt(q) !== 61) return `invalid <Data> tag: ${JSON.stringify(xml.slice(p, p + 40))}`;
    q++;
    while (isSpace(xml.charCodeAt(q))) q++;
    const quote = xml.charCodeAt(q);
    if (quote !== 34 && quote !== 39) return `invalid <Data> tag: ${JSON.stringify(xml.slice(p, p + 40))}`;
    const nameEnd = xml.indexOf(quote === 34 ? '"' : "'", q + 1);
    if (nameEnd < 0 || nameEnd > to) return 'unterminated <Data> tag';
    const rawName = xml.slice(q + 1, nameEnd);
    if (rawName.includes('<')) return 'invalid <Data> tag';
    let gt = nameEnd + 1;
    while (isSpace(xml.charCodeAt(gt))) gt++;
    const selfClosing = xml.charCodeAt(gt) === 47;
    if (selfClosing) gt++;
    if (xml.charCodeAt(gt) !== 62 || gt > to) return `invalid <Data> tag: ${JSON.stringify(xml.slice(p, p + 40))}`;
    const name = decodeXmlText(rawName);
    if (name === null) return 'invalid entity in a Data Name';
    if (selfClosing) {
      out[name] = '';
      p = gt + 1;
      continue;
    }
    const close = xml.indexOf('</Data>', gt);
    if (close < 0 || close > to) return `<Data Name="${name}"> is not closed`;
    const raw = xml.slice(gt + 1, close);
    if (raw.includes('<')) return `markup inside <Data Name="${name}">`;
    const value = decodeXmlText(raw);
    if (value === null) return `invalid entity in <Data Name="${name}">`;
    out[name] = value;
    p = close + 7;
  }
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

function isSpaceOrEnd(c: number): boolean {
  return isSpace(c) || c === 62 || c === 47;
}
