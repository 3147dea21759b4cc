import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HitFileWriter, hitFileBlocks } from './needle-hit-file.js';

const dir = mkdtempSync(join(tmpdir(), 'kqlr-hit-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function roundTrip(name: string, blocks: { lines: string[]; lineNumbers: number[] }[]) {
  const path = join(dir, name);
  const w = new HitFileWriter(path);
  for (const b of blocks) w.write(b);
  w.close();
  const lines: string[] = [];
  const lineNumbers: number[] = [];
  for await (const b of hitFileBlocks(path)) {
    lines.push(...b.lines);
    lineNumbers.push(...b.lineNumbers);
  }
  return { hits: w.hits, lines, lineNumbers };
}

describe('needle hit file', () => {
  it('gives back every line and its number, with spaces, CRs, non-ASCII and replacement characters', async () => {
    const lines = ['a b  c', '', 'x\ry', 'Käse 🧀 /etc/systemd/system/a.service', '\ufffd\ufffd', ' leading space'];
    const lineNumbers = [1, 2, 30, 4_000_000_000, 4_000_000_001, 2 ** 40];
    const r = await roundTrip('mixed', [{ lines: lines.slice(0, 2), lineNumbers: lineNumbers.slice(0, 2) }, { lines: [], lineNumbers: [] }, { lines: lines.slice(2), lineNumbers: lineNumbers.slice(2) }]);
    expect(r).toEqual({ hits: 6, lines, lineNumbers });
  });

  it('reads records cut across its 1 MiB reads, and lines longer than a read', async () => {
    const lines = Array.from({ length: 3000 }, (_, i) => `line ${i} ` + 'é'.repeat(i % 700));
    lines.splice(1234, 0, 'z'.repeat(3 * (1 << 20) + 17));
    const lineNumbers = lines.map((_, i) => i * 3 + 1);
    const r = await roundTrip('long', [{ lines, lineNumbers }]);
    expect(r.lines).toEqual(lines);
    expect(r.lineNumbers).toEqual(lineNumbers);
  });

  it('a hit file cut inside its last record is an error, not a silently dropped line', async () => {
    const path = join(dir, 'cut');
    writeFileSync(path, '7 first line\n9 second li');
    const read = async () => {
      for await (const _ of hitFileBlocks(path)) void _;
    };
    await expect(read()).rejects.toThrow(/needle hit file .*cut: cut record at its end/);
  });

  it('an empty scan gives no block', async () => {
    expect(await roundTrip('empty', [])).toEqual({ hits: 0, lines: [], lineNumbers: [] });
  });
});
