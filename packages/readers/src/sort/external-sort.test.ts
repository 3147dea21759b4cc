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
  size: (i) => 32 + i.text.length,
  encode: (i) => JSON.stringify([String(i.key), i.seq, i.text]),
  decode: (line) => {
    const [k, seq, text] = JSON.parse(line) as [string, number, string];
    return { key: BigInt(k), seq, text };
  },
};

async function sortAll(items: Item[], budget: number): Promise<{ out: Item[]; runs: number }> {
  const s = new ExternalSorter(codec, budget);
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
});
