import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reusedChunks } from './reused-chunks.js';

describe('reusedChunks', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kqlr-reused-'));
  const path = join(dir, 'data.bin');
  // 2.5 MiB of a pattern that differs at every offset (so a misplaced read shows).
  const data = Buffer.alloc(2.5 * 1024 * 1024 + 3);
  for (let i = 0; i < data.length; i++) data[i] = (i * 7 + (i >> 8)) & 0xff;
  writeFileSync(path, data);

  async function collect(start: number, end: number): Promise<{ bytes: Buffer; seen: number[]; sizes: number[] }> {
    const parts: Buffer[] = [];
    const seen: number[] = [];
    const sizes: number[] = [];
    for await (const c of reusedChunks(path, start, end, (chunk) => seen.push(chunk.length))) {
      parts.push(Buffer.from(c)); // copied: the chunk is valid only until the next is asked for
      sizes.push(c.length);
    }
    return { bytes: Buffer.concat(parts), seen, sizes };
  }

  it('reads exactly [start, end) in chunks of at most 1 MiB, each seen by onChunk first', async () => {
    for (const [start, end] of [[0, data.length], [1, data.length - 1], [1024 * 1024 - 5, 2 * 1024 * 1024 + 9], [10, 11], [7, 7]] as const) {
      const { bytes, seen, sizes } = await collect(start, end);
      expect(bytes.equals(data.subarray(start, end)), `[${start}, ${end})`).toBe(true);
      expect(seen).toEqual(sizes);
      expect(Math.max(0, ...sizes)).toBeLessThanOrEqual(1024 * 1024);
    }
  });

  it('ends at the end of a file shorter than the range', async () => {
    const { bytes } = await collect(data.length - 10, data.length + 5000);
    expect(bytes.equals(data.subarray(data.length - 10))).toBe(true);
  });

  it('hands out views of two buffers in turn (the documented reuse)', async () => {
    const buffers: ArrayBufferLike[] = [];
    for await (const c of reusedChunks(path, 0, data.length)) buffers.push(c.buffer);
    expect(buffers.length).toBe(3);
    expect(buffers[2]).toBe(buffers[0]);
    expect(buffers[1]).not.toBe(buffers[0]);
  });

  it('may be abandoned with a read ahead in flight', async () => {
    for await (const c of reusedChunks(path, 0, data.length)) {
      expect(c[0]).toBe(data[0]);
      break;
    }
    // Reading the file again works (the handle was closed, nothing left half-read).
    expect((await collect(0, 100)).bytes.equals(data.subarray(0, 100))).toBe(true);
  });
});
