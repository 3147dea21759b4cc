import type { SysmonBroken, SysmonEvent } from './sysmon-event.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads `a.b.c` from nested objects or from a flattened `"a.b.c"` key (both occur in Elastic docs). */
function path(o: Obj, dotted: string): unknown {
  if (dotted in o) return o[dotted];
  let cur: unknown = o;
  for (const part of dotted.split('.')) {
    if (!isObj(cur)) return undefined;
    cur = cur[part];
  }
  return cur;
}

const str = (v: unknown): string => (v === null || v === undefined ? '' : typeof v === 'string' ? v : String(v));

/**
 * Elastic Agent / Filebeat `sysmon_linux` documents (§4.5): `winlog.event_id`, `winlog.record_id`,
 * `winlog.computer_name`, `winlog.time_created`, `winlog.event_data.<Field>` (values may be
 * strings or numbers). Returns null for a document that is not a Sysmon event.
 */
export function elasticToSysmon(doc: unknown): SysmonEvent | SysmonBroken | null {
  if (!isObj(doc)) return { error: 'expected a JSON object' };
  const winlog = path(doc, 'winlog');
  if (!isObj(winlog)) return null;
  const idText = str(path(winlog, 'event_id'));
  if (!/^\d+$/.test(idText)) return { error: `invalid winlog.event_id ${JSON.stringify(idText)}` };
  const eventData = path(winlog, 'event_data');
  const data: Record<string, string> = {};
  if (isObj(eventData)) for (const [k, v] of Object.entries(eventData)) data[k] = str(v);
  return {
    eventId: Number(idText),
    recordId: str(path(winlog, 'record_id')),
    computer: str(path(winlog, 'computer_name')) || str(path(doc, 'log.syslog.hostname')),
    systemTime: str(path(winlog, 'time_created')),
    data,
  };
}
