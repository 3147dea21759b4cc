import type { InputFormat } from '../input-spec.js';
import { headText } from '../io/text-chunks.js';
import { looksLikeSentinelHeader } from '../formats/csv/sentinel-header.js';
import { csvHeaderOf } from './csv-header.js';

export type Detection =
  | { kind: 'format'; format: InputFormat; jsonLayout?: 'lines' | 'document'; syslogCsv?: boolean; why: string }
  | { kind: 'empty' }
  | { kind: 'unknown'; why: string };

const SYSLOG_PREFIX =
  /^(?:<\d{1,3}>)?(?:[A-Z][a-z]{2} [ \d]?\d \d{2}:\d{2}:\d{2}|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?) \S+ \S+/;

function startsWithBytes(b: Uint8Array, s: string): boolean {
  if (b.length < s.length) return false;
  for (let i = 0; i < s.length; i++) if (b[i] !== s.charCodeAt(i)) return false;
  return true;
}

/**
 * Format of a file from its first bytes (already gunzipped), never from its name: Parquet and
 * Arrow by magic bytes, then text: `<?xml`/`<Event` = Sysmon XML, a syslog prefix = Sysmon syslog,
 * `{`/`[` = JSON, else a CSV header (Sentinel when it has `[UTC]`/`[Local Time]` suffixes or
 * TenantId/Type/TimeGenerated columns).
 */
export function detectFormat(head: Uint8Array): Detection {
  if (startsWithBytes(head, 'PAR1')) return { kind: 'format', format: 'parquet', why: 'PAR1 magic bytes' };
  if (startsWithBytes(head, 'ARROW1')) return { kind: 'format', format: 'arrow', why: 'ARROW1 magic bytes (IPC file)' };
  if (head.length >= 8 && head[0] === 0xff && head[1] === 0xff && head[2] === 0xff && head[3] === 0xff) {
    return { kind: 'format', format: 'arrow', why: 'IPC continuation marker (Arrow stream)' };
  }
  const text = headText(head);
  const first = text.search(/\S/);
  if (first < 0) return { kind: 'empty' };
  // Only the first line decides: binary garbage further down is a malformed record, not a format.
  const firstNl = text.indexOf('\n', first);
  const probe = text.slice(first, Math.min(first + 4096, firstNl < 0 ? text.length : firstNl));
  if (/[\u0000-\u0008\u000e-\u001a]/.test(probe) || (probe.match(/\uFFFD/g)?.length ?? 0) > Math.max(8, probe.length / 4)) {
    return { kind: 'unknown', why: 'binary data (control bytes or invalid UTF-8 at the start)' };
  }
  const body = text.slice(first);
  if (body.startsWith('<?xml') || /^<Events?[\s>]/.test(body)) {
    return { kind: 'format', format: 'sysmon', why: 'starts with an XML declaration or <Event>' };
  }
  if (body.startsWith('{') || body.startsWith('[')) {
    if (/"winlog"\s*:/.test(body.slice(0, 65536))) {
      return { kind: 'format', format: 'sysmon', jsonLayout: layoutOf(body), why: 'JSON with winlog fields (Elastic Sysmon)' };
    }
    return { kind: 'format', format: 'json', jsonLayout: layoutOf(body), why: 'starts with { or [' };
  }
  const firstLine = body.slice(0, body.indexOf('\n') < 0 ? undefined : body.indexOf('\n'));
  if (SYSLOG_PREFIX.test(firstLine)) {
    return { kind: 'format', format: 'sysmon', why: 'syslog lines' };
  }
  const header = csvHeaderOf(text);
  if (header !== null && header.length >= 2 && header.every((h) => /^[A-Za-z_][\w ]*(?: \[(?:UTC|Local Time)\])?$/.test(h.trim()))) {
    if (header.some((h) => h.trim() === 'SyslogMessage')) {
      return { kind: 'format', format: 'sysmon', syslogCsv: true, why: 'Log Analytics Syslog export (SyslogMessage column holds the Sysmon XML)' };
    }
    return looksLikeSentinelHeader(header)
      ? { kind: 'format', format: 'sentinel-csv', why: 'CSV header with Log Analytics columns or [UTC]/[Local Time] suffixes' }
      : { kind: 'format', format: 'defender-csv', why: 'CSV header of column names' };
  }
  return { kind: 'unknown', why: 'not CSV with a header of column names, JSON, Sysmon syslog/XML, Arrow or Parquet' };
}

/** JSON Lines when the first non-blank line is a complete JSON value, else one document. */
function layoutOf(body: string): 'lines' | 'document' {
  const nl = body.indexOf('\n');
  const line = (nl < 0 ? body : body.slice(0, nl)).trim();
  try {
    JSON.parse(line);
    return 'lines';
  } catch {
    return 'document';
  }
}
