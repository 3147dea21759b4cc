import type { SortCodec } from '../../sort/external-sort.js';
import type { SysmonEvent } from './sysmon-event.js';

/** An event waiting in the Timestamp sort of the mapping pass. */
export interface TimedEvent {
  ticks: bigint;
  /** 1-based line where the record starts (for messages). */
  line: number;
  event: SysmonEvent;
}

/** A JS object and its strings cost about this much besides the characters. */
const OVERHEAD = 400;

const LINE_SPAN = 2n ** 32n;

/**
 * Sorted by Timestamp, then line (file order; lines are below 2^32): the order does not depend on
 * the order events were found in, and an event found twice sorts next to itself. Spilled as one
 * JSON array per line.
 */
export const LOCATED_EVENT_CODEC: SortCodec<TimedEvent> = {
  key: (t) => t.ticks * LINE_SPAN + BigInt(t.line),
  size: (t) => {
    const e = t.event;
    let n = OVERHEAD + e.computer.length + e.recordId.length + e.systemTime.length;
    for (const k in e.data) n += 48 + e.data[k]!.length;
    return n;
  },
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
