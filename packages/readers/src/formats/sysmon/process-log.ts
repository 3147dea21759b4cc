import { CHUNK_BYTES, ChunkLog } from './chunk-log.js';
import { KeySet, keyHashOf } from './key-hash.js';
import { needleRecords } from './log-needles.js';
import { LogRecord, writeCreate, writeEnd, KIND_CREATE } from './log-record.js';
import { ProcessTable, type ProcessCreate } from './process-table.js';
import type { LowerNeedles } from './text-store.js';

/**
 * Log bytes kept in memory before the rest goes to disk; `KQLR_SYSMON_LOG_MEMORY_BYTES` overrides
 * it (below a chunk, chunks shrink with it, so tests spill small logs: 0 puts every record on disk).
 */
const MEMORY_BYTES = 1024 * 1024;

function memoryBytes(): number {
  const v = Number(process.env['KQLR_SYSMON_LOG_MEMORY_BYTES']);
  return Number.isFinite(v) && v >= 0 ? v : MEMORY_BYTES;
}

function newLog(): ChunkLog {
  const memory = memoryBytes();
  return new ChunkLog(memory, Math.min(CHUNK_BYTES, Math.max(256, memory)));
}

/**
 * The processes a scan's rows may draw from: fingerprints of their (host, guid) and (host, pid)
 * keys. Sets, not bitmaps: as many as the candidate rows (a bitmap large enough to stay selective
 * for 40 k rows would be resident at any input size).
 */
export class CandidateKeys {
  readonly guid = new Set<number>();
  readonly pid = new Set<number>();

  add(host: string, guid: string, pid: string): void {
    this.guid.add(keyHashOf(host, guid));
    this.pid.add(keyHashOf(host, pid));
  }
}

/** Lines whose row may take a needle from its process: fingerprints of the processes' keys. */
export interface NeedleKeys {
  guid: KeySet;
  pid: KeySet;
}

/**
 * Every EventID 1 (the values the process table keeps) and EventID 5 (an end time) of the run's
 * Sysmon inputs, in the order the correlation pass read them, as byte records (log-record.ts) in
 * a ChunkLog: 1 MiB in memory, the rest spilled to a private file. Replaying the log into a
 * ProcessTable gives the table the pass would have built, since the table's state (replacement,
 * pending ends, the ProcessId fallback's order) depends only on that sequence.
 *
 * Why not the table itself: it must hold every process of the run (~150 bytes each, 297 k at
 * 1e7 bench rows), while a prefiltered scan's rows draw from few of them. `tableFor` replays only
 * the processes some candidate row can reach, so memory follows the candidates, not the input.
 * Scans that read every row still get the whole table (`fullTable`).
 */
export class ProcessLog {
  private readonly log = newLog();
  private full: ProcessTable | undefined;

  /** EventID 1. Records without a ProcessGuid are not kept (the table ignores them). */
  create(p: ProcessCreate): void {
    if (p.guid === '') return;
    writeCreate(this.log, p);
  }

  /** EventID 5 (ignored without a ProcessGuid or time, as by the table). */
  end(computer: string, guid: string, t: bigint | null): void {
    if (guid === '' || t === null) return;
    writeEnd(this.log, computer, guid, t);
  }

  /** The table of every process (built once, then kept). */
  fullTable(): ProcessTable {
    if (this.full === undefined) {
      const table = new ProcessTable();
      for (const r of this.records()) replay(r, table);
      this.full = table;
    }
    return this.full;
  }

  /**
   * A table that answers exactly as the full one for the lookups of rows with these keys: their
   * process (`find` by (host, guid), else by (host, pid)), and that process's parent (found by
   * the same two keys of any EventID 1 the first lookup may return). It holds every record of
   * each (host, guid) key reached: every EventID 1 with a wanted (host, guid) or (host, pid),
   * and every EventID 1 and 5 sharing a (host, guid) with one of those, in log order, so each
   * key's replacement and end times come out as in the full table. Fingerprints can only add
   * processes (never drop one), and extra processes change no lookup of another key.
   */
  tableFor(keys: CandidateKeys): ProcessTable {
    if (this.full !== undefined) return this.full;
    const parents = new CandidateKeys();
    const kept = new Set<number>();
    for (const r of this.records()) {
      if (r.kind !== KIND_CREATE || !(keys.guid.has(r.guidKey) || keys.pid.has(r.pidKey))) continue;
      kept.add(r.guidKey);
      parents.guid.add(r.parentGuidKey);
      parents.pid.add(r.parentPidKey);
    }
    for (const r of this.records()) {
      if (r.kind === KIND_CREATE && (parents.pid.has(r.pidKey) || parents.guid.has(r.guidKey))) kept.add(r.guidKey);
    }
    const table = new ProcessTable();
    for (const r of this.records()) {
      if (kept.has(r.guidKey) || keys.guid.has(r.guidKey)) replay(r, table);
    }
    return table;
  }

  /**
   * Fingerprints of the (host, guid) and (host, pid) keys of every EventID 1 holding a needle in
   * a text a row takes from its process (command line, user, hashes, parent image). A row whose
   * process holds a needle has its guid key among the first (found by guid) or its pid key among
   * the second (found by the ProcessId fallback), so a line with neither cannot match that way.
   */
  needleKeys(needles: LowerNeedles): NeedleKeys {
    const out: NeedleKeys = { guid: new KeySet(), pid: new KeySet() };
    for (const chunk of this.log.chunks()) {
      needleRecords(chunk, needles, (r) => {
        out.guid.add(r.guidKey);
        out.pid.add(r.pidKey);
      });
    }
    return out;
  }

  /** Removes the spill file, if any. */
  dispose(): void {
    this.log.dispose();
  }

  /** The records in log order, through one reused view. */
  private *records(): Generator<LogRecord> {
    const r = new LogRecord();
    for (const chunk of this.log.chunks()) {
      for (let at = 0; at < chunk.length; at = r.next) {
        r.point(chunk, at);
        yield r;
      }
    }
  }
}

function replay(r: LogRecord, table: ProcessTable): void {
  if (r.kind === KIND_CREATE) table.add(r.create());
  else {
    const { computer, guid, ticks } = r.end();
    table.terminate(computer, guid, ticks);
  }
}
