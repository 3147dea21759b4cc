import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { liveSpillDirs } from '../../sort/spill-dir.js';
import { EventRefs } from './event-refs.js';

type Ref = [number, number, number, number];

function collect(refs: EventRefs): Ref[] {
  const out: Ref[] = [];
  for (const b of refs.blocks()) {
    for (let k = 0; k < b.length; k++) out.push([b.lines[k]!, b.offsets[k]!, b.guidKeys[k]!, b.pidKeys[k]!]);
  }
  return out;
}

describe('EventRefs', () => {
  it('gives back every ref in push order across memory blocks, spilled blocks and the partial block', () => {
    const before = liveSpillDirs().length;
    const refs = new EventRefs({ blockRefs: 4, memoryBlocks: 2 });
    const pushed: Ref[] = [];
    // 2 blocks in memory, 3 spilled, 3 refs in the current block; offsets past 2^32 stay exact,
    // and so do key fingerprints of all 32 bits.
    for (let i = 0; i < 4 * 5 + 3; i++) {
      const ref: Ref = [i + 1, 2 ** 33 + i * 700, (0xfffffff0 + i * 7) >>> 0, i * 131];
      refs.push(...ref);
      pushed.push(ref);
    }
    expect(refs.count).toBe(23);
    expect(liveSpillDirs().length).toBe(before + 1);
    expect(collect(refs)).toEqual(pushed);
    // A second pass (another table's scan, another query) reads the same refs.
    expect(collect(refs)).toEqual(pushed);
    const dir = liveSpillDirs().at(-1)!;
    refs.dispose();
    expect(existsSync(dir)).toBe(false);
    expect(liveSpillDirs().length).toBe(before);
  });

  it('keeps small files in memory: no spill directory', () => {
    const before = liveSpillDirs().length;
    const refs = new EventRefs({ blockRefs: 4, memoryBlocks: 2 });
    for (let i = 0; i < 12; i++) refs.push(i, i * 10, i, i);
    expect(liveSpillDirs().length).toBe(before);
    expect(collect(refs).map((r) => r[0])).toEqual([...Array(12).keys()]);
  });

  it('an exactly full block is read once, not twice or as an empty tail', () => {
    const refs = new EventRefs({ blockRefs: 4, memoryBlocks: 1 });
    for (let i = 0; i < 8; i++) refs.push(i, i, i, i);
    expect(collect(refs).map((r) => r[0])).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    refs.dispose();
  });
});
