import type { SortCodec } from '../../sort/external-sort.js';
import type { SysmonEvent } from './sysmon-event.js';

/** An event waiting in the Timestamp sort of the mapping pass. */
export interface TimedEvent {
  ticks: bigint;
  /** 1-based line where the record starts (for messages). */
  line: number;
  event: SysmonEvent;
}

/**
 * Sorted by Timestamp, then line (file order): the order does not depend on
 * the order events were found in, and an event found twice sorts next to itself. Buffered and
 * spilled as one JSON array per line (JSON.stringify escapes lone surrogates, so texts come back
 * exactly).
 */
export const LOCATED_EVENT_CODEC: SortCodec<TimedEvent> = {
  key: (t) => t.ticks,
  minor: (t) => t.line,
  encode: (t) => {
    const e = t.event;
    return JSON.stringify([String(t.ticks), t.line, e.eventId, e.recordId, e.computer, e.systemTime, e.data]);
  },
  decode: (text) => {
    const [ticks, line, eventId, recordId, computer, systemTime, data] = JSON.parse(text) as
      [string, number, number, string, string, string, Record<string, string>];
    return { ticks: BigInt(ticks), line, event: { eventId, recordId, computer, systemTime, data } };
  },
};
