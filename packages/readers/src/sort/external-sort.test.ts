import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ExternalSorter, type SortCodec } from './external-sort.js';
import { liveSpillDirs } from './spill-dir.js';

interface Item {
  key: bigint;
  seq: number;
  text: string;
}

const codec: SortCodec<Item> = {
  key: (i) => i.key,
  minor: () => 0,
  encode: (i) => JSON.stringify([String(i.key), i.seq, i.text]),
  decode: (line) => {
    const [k, seq, text] = JSON.parse(line) as [string, number, string];
    return { key: BigInt(k), seq, text };
  },
};

async function sortAll(items: Item[], budget: number, readBytes?: number): Promise<{ out: Item[]; runs: number }> {
  const s = new ExternalSorter(codec, budget, { readBytes });
  for (const i of items) if (s.add(i)) await s.spill();
  const runs = s.spilledRuns;
  const out: Item[] = [];
  for await (const i of s.sorted()) out.push(i);
  return { out, runs };
}

describe('ExternalSorter', () => {
  it('is a stable sort whether it spills or not (property, few distinct keys: many ties across runs)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.bigInt({ min: -5n, max: 5n }), fc.string({ maxLength: 8 })), { maxLength: 300 }),
        fc.integer({ min: 40, max: 4000 }),
        async (pairs, budget) => {
          const items = pairs.map(([key, text], seq) => ({ key, seq, text }));
          // Array.prototype.sort is stable: the reference order.
          const expected = [...items].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
          const { out } = await sortAll(items, budget);
          expect(out).toEqual(expected);
          expect(liveSpillDirs()).toEqual([]);
        },
      ),
      { seed: 9, numRuns: 60 },
    );
  });

  it('spills sorted runs beyond its budget and keeps texts intact (line breaks, quotes, non-ASCII)', async () => {
    const items = Array.from({ length: 500 }, (_, seq) => ({ key: BigInt((seq * 7919) % 101), seq, text: `a\nb "c" \u00e9 ${seq}` }));
    const { out, runs } = await sortAll(items, 2000);
    expect(runs).toBeGreaterThan(5);
    expect(out.map((i) => i.seq)).toEqual([...items].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.seq - b.seq)).map((i) => i.seq));
    expect(out[0]!.text).toContain('\n');
  });

  it('reads runs back exactly through a read buffer smaller than a line (multi-byte characters cut anywhere, lone surrogates)', async () => {
    const pieces = ['\u00e9', '\u20ac', '\ud83d\ude00', '\ud800', 'x', ' ', '"', '\\'];
    const items = Array.from({ length: 120 }, (_, seq) => ({
      key: BigInt((seq * 37) % 11),
      seq,
      text: Array.from({ length: (seq * 13) % 50 }, (_, k) => pieces[(seq + k) % pieces.length]!).join(''),
    }));
    const expected = [...items].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.seq - b.seq));
    for (const readBytes of [1, 3, 7, 64]) {
      const { out, runs } = await sortAll(items, 300, readBytes);
      expect(runs).toBeGreaterThan(3);
      expect(out).toEqual(expected);
    }
    expect(liveSpillDirs()).toEqual([]);
  });

  it('spills when the encoded items pass the budget, not before', async () => {
    const s = new ExternalSorter(codec, 1000);
    // Each line is 24 bytes of JSON plus 24 of bookkeeping (key, minor key, start): 48 bytes, so
    // 20 items take 960 and the 21st passes 1000.
    const item = (seq: number): Item => ({ key: 1n, seq, text: 'abcdefghijklm' });
    expect(Buffer.byteLength(codec.encode(item(10)))).toBe(24);
    for (let seq = 10; seq < 30; seq++) expect(s.add(item(seq))).toBe(false);
    expect(s.add(item(30))).toBe(true);
    s.dispose();
  });

  it('orders by key, then minor key, then insertion, with keys of Timestamp size (~1.7e16 ticks) and spilling', async () => {
    interface Row { ticks: bigint; line: number; seq: number }
    const rowCodec: SortCodec<Row> = {
      key: (r) => r.ticks,
      minor: (r) => r.line,
      encode: (r) => JSON.stringify([String(r.ticks), r.line, r.seq]),
      decode: (text) => {
        const [t, line, seq] = JSON.parse(text) as [string, number, number];
        return { ticks: BigInt(t), line, seq };
      },
    };
    const base = 17_156_558_260_090_000n;
    // Lines added out of order (as the needle hits, then the process refs, are), some twice.
    const rows: Row[] = Array.from({ length: 400 }, (_, seq) => ({ ticks: base + BigInt((seq * 31) % 7) * 10_000_000n, line: (seq * 7919) % 97 + 1, seq }));
    const expected = [...rows].sort((a, b) => (a.ticks < b.ticks ? -1 : a.ticks > b.ticks ? 1 : a.line - b.line || a.seq - b.seq));
    for (const budget of [600, 1 << 20]) {
      const s = new ExternalSorter(rowCodec, budget);
      for (const r of rows) if (s.add(r)) await s.spill();
      const out: Row[] = [];
      for await (const r of s.sorted()) out.push(r);
      expect(out).toEqual(expected);
    }
  });

  it('refuses a key that does not fit in 64 bits instead of wrapping it', () => {
    const s = new ExternalSorter(codec, 1000);
    expect(() => s.add({ key: 2n ** 63n, seq: 0, text: '' })).toThrow(RangeError);
    expect(s.add({ key: -(2n ** 63n), seq: 1, text: '' })).toBe(false);
    s.dispose();
  });
});
