import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { liveSpillDirs } from '../../sort/spill-dir.js';
import { ChunkLog } from './chunk-log.js';

/** Appends records of the given sizes (each filled with its index), then reads all bytes back (compared with Buffer.equals: toEqual walks megabytes byte by byte). */
function roundTrip(log: ChunkLog, sizes: number[]): Buffer[] {
  for (let i = 0; i < sizes.length; i++) {
    const room = log.reserve(sizes[i]!);
    room.buf.fill(i & 0xff, room.at, room.at + sizes[i]!);
    log.commit(sizes[i]!);
  }
  return copies(log);
}

/** Each chunk copied as it comes: a view is valid only until the next chunk is read. */
function copies(log: ChunkLog): Buffer[] {
  const out: Buffer[] = [];
  for (const c of log.chunks()) out.push(Buffer.from(c));
  return out;
}

const expected = (sizes: number[]): Buffer => Buffer.concat(sizes.map((n, i) => Buffer.alloc(n, i & 0xff)));

describe('ChunkLog', () => {
  it('keeps a small log in memory: no spill directory, records in order', () => {
    const before = liveSpillDirs().length;
    const log = new ChunkLog(8 << 20);
    const sizes = Array.from({ length: 3000 }, (_, i) => 100 + (i % 700));
    expect(Buffer.concat(roundTrip(log, sizes)).equals(expected(sizes))).toBe(true);
    expect(liveSpillDirs().length).toBe(before);
    expect(log.spilledBytes).toBe(0);
  });

  it('spills past its memory, never splits a record, reads the log twice alike, and removes the file at dispose', () => {
    const before = liveSpillDirs().length;
    const log = new ChunkLog(1 << 20);
    // A record longer than a chunk gets one of its own; chunks then continue at the usual size.
    const sizes = [...Array.from({ length: 9000 }, (_, i) => 300 + (i % 500)), 3 << 20, 10, 20];
    const chunks = roundTrip(log, sizes);
    expect(Buffer.concat(chunks).equals(expected(sizes))).toBe(true);
    expect(log.spilledBytes).toBeGreaterThan(0);
    // No record straddles two chunks: each chunk ends where a record ends.
    const ends = new Set<number>();
    let at = 0;
    for (const n of sizes) ends.add((at += n));
    let pos = 0;
    for (const c of chunks) expect(ends.has((pos += c.length))).toBe(true);
    expect(Buffer.concat(copies(log)).equals(expected(sizes))).toBe(true);
    expect(liveSpillDirs().length).toBe(before + 1);
    const dir = liveSpillDirs().at(-1)!;
    log.dispose();
    expect(existsSync(dir)).toBe(false);
    expect(liveSpillDirs().length).toBe(before);
  });
});
