import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { readWholeFile } from './read-whole-file.js';

const dir = mkdtempSync(join(tmpdir(), 'bench-read-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('reads a file byte for byte (empty and non-empty)', () => {
  const bytes = Buffer.from(Array.from({ length: 100_003 }, (_, i) => (i * 7919) & 0xff));
  writeFileSync(join(dir, 'a'), bytes);
  writeFileSync(join(dir, 'e'), '');
  expect(readWholeFile(join(dir, 'a')).equals(bytes)).toBe(true);
  expect(readWholeFile(join(dir, 'e')).length).toBe(0);
});
