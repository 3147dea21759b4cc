import { tableFromIPC, type RecordBatch, type Vector } from 'apache-arrow';
import { readWholeFile } from '../read-whole-file.js';
import { TICKS_PER_DAY } from '@kqlr/common';
import type { Contender, ContenderOutcome } from '../contender.js';
import { timed, timedRepeated } from '../contender.js';
import { containsCi, endsWithCi, hasAny } from '../kql-strings.js';
import { canonicalRow, sameRows, type CanonicalRow } from '../result.js';
import { ACTION_TYPES, SUSPICIOUS_SERVICE_NAMES, SYSTEMD_SERVICE_PATHS } from '../rule.js';
import { dictionaryEncodeBatch } from './dictionary-encode.js';

const DICT = new Set(['ActionType', 'FileName', 'FolderPath']);

/**
 * Per dictionary code, a predicate evaluated on first use and memoised (0 unknown, 1 true, 2
 * false): the string test runs once per distinct value, after the cheap tests narrowed the rows.
 */
class LazyCodePredicate {
  private memo = new Uint8Array(0);
  private dictionary: Vector | null = null;
  constructor(private readonly test: (s: string) => boolean) {}
  reset(dictionary: Vector): void {
    this.dictionary = dictionary;
    this.memo = new Uint8Array(dictionary.length);
  }
  holds(code: number): boolean {
    const m = this.memo[code]!;
    if (m !== 0) return m === 1;
    const ok = this.test((this.dictionary!.get(code) as string | null) ?? '');
    this.memo[code] = ok ? 1 : 2;
    return ok;
  }
}

/**
 * Hand-written columnar JS over dictionary-encoded Arrow batches: the shape of loop
 * performance-notes.md measured (time test on the Int64 halves, then lazily memoised dictionary
 * predicates). Not a general engine: a lower bound for what executePlan could reach in JS.
 */
export const columnarJs: Contender = {
  id: 'columnar-js-dict',
  label: 'hand-written columnar JS, lazy dictionary predicates (target)',
  group: 'defender',
  input: 'arrow',
  headline: 'filter',
  async run(ctx): Promise<ContenderOutcome> {
    const phases: Record<string, number> = {};
    const batches = await timed(phases, 'load', () =>
      tableFromIPC(readWholeFile(ctx.files.arrow)).batches.map((b) => dictionaryEncodeBatch(b, DICT)),
    );
    const cutoff = ctx.nowTicks - TICKS_PER_DAY;
    const cutHi = Number(cutoff >> 32n);
    const cutLo = Number(cutoff & 0xffffffffn);
    const action = new LazyCodePredicate((s) => (ACTION_TYPES as readonly string[]).includes(s));
    const folder = new LazyCodePredicate((s) => hasAny(s, SYSTEMD_SERVICE_PATHS));
    const file = new LazyCodePredicate((s) => endsWithCi(s, '.service'));
    const evaluate = () => {
      const hits: { ticks: bigint; row: CanonicalRow }[] = [];
      for (const b of batches) scan(b, hits);
      return hits.sort((x, y) => (x.ticks < y.ticks ? 1 : x.ticks > y.ticks ? -1 : 0)).map((h) => h.row);
    };
    const scan = (b: RecordBatch, hits: { ticks: bigint; row: CanonicalRow }[]) => {
      const tsData = b.getChild('Timestamp')!.data[0]!;
      const words = new Int32Array(tsData.values.buffer, tsData.values.byteOffset, tsData.length * 2);
      const valid = tsData.nullBitmap;
      const hasNulls = tsData.nullCount > 0;
      const actionData = b.getChild('ActionType')!.data[0]!;
      const folderData = b.getChild('FolderPath')!.data[0]!;
      const fileData = b.getChild('FileName')!.data[0]!;
      action.reset(actionData.dictionary!);
      folder.reset(folderData.dictionary!);
      file.reset(fileData.dictionary!);
      const ac = actionData.values as Int32Array;
      const fc = folderData.values as Int32Array;
      const nc = fileData.values as Int32Array;
      for (let i = 0; i < b.numRows; i++) {
        // Little-endian Int64: signed high word, unsigned low word. A null Timestamp never passes `>`.
        const hi = words[2 * i + 1]!;
        if (hi < cutHi || (hi === cutHi && words[2 * i]! >>> 0 <= cutLo)) continue;
        if (hasNulls && ((valid![i >> 3]! >> (i & 7)) & 1) === 0) continue;
        // Cheapest and most selective first, as a hand-written loop would: FileName endswith keeps
        // ~0.6% of rows and is a short suffix test, FolderPath has_any (a term scan) runs last.
        if (!action.holds(ac[i]!) || !file.holds(nc[i]!) || !folder.holds(fc[i]!)) continue;
        const text = (name: string) => (b.getChild(name)!.get(i) as string | null) ?? '';
        const ticks = b.getChild('Timestamp')!.get(i) as bigint;
        const folderPath = text('FolderPath');
        const fileName = text('FileName');
        const account = text('InitiatingProcessAccountName');
        hits.push({
          ticks,
          row: canonicalRow(
            ticks, text('DeviceName'), account, text('ActionType'), folderPath, fileName, text('InitiatingProcessFileName'),
            text('InitiatingProcessCommandLine'), account, containsCi(folderPath, '.config/systemd/user'),
            hasAny(fileName, SUSPICIOUS_SERVICE_NAMES),
          ),
        });
      }
    };
    const rows = await timedRepeated(phases, 'filter', evaluate, sameRows);
    return { rows, phases };
  },
};
