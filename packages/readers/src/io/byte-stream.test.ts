import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { InputError } from '../input-error.js';
import { byteStream } from './byte-stream.js';

describe('byteStream', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kqlr-bytes-'));
  const data = Buffer.alloc(3 * 1024 * 1024 + 17);
  for (let i = 0; i < data.length; i++) data[i] = (i * 13 + (i >> 10)) & 0xff;
  const plain = join(dir, 'plain.bin');
  const gz = join(dir, 'data.gz');
  writeFileSync(plain, data);
  writeFileSync(gz, gzipSync(data));

  async function read(path: string, gzip: boolean, reuse: boolean): Promise<{ bytes: Buffer; raw: number }> {
    const parts: Buffer[] = [];
    let raw = 0;
    for await (const c of byteStream(path, gzip, (n) => (raw += n), reuse)) parts.push(Buffer.from(c));
    return { bytes: Buffer.concat(parts), raw };
  }

  it('reads the same bytes and counts the same raw bytes with and without reused buffers', async () => {
    for (const reuse of [false, true]) {
      const p = await read(plain, false, reuse);
      expect(p.bytes.equals(data), `plain, reuse ${reuse}`).toBe(true);
      expect(p.raw).toBe(data.length);
      // A gzip file is always streamed (reuse applies to uncompressed files only).
      const g = await read(gz, true, reuse);
      expect(g.bytes.equals(data), `gzip, reuse ${reuse}`).toBe(true);
    }
  });

  it('reports a missing file as the same input error either way', async () => {
    const missing = join(dir, 'missing.jsonl');
    const messages: string[] = [];
    for (const reuse of [false, true]) {
      const err = await read(missing, false, reuse).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InputError);
      messages.push((err as Error).message);
    }
    expect(messages[1]).toBe(messages[0]);
    expect(messages[0]).toContain('no such file');
  });
});
