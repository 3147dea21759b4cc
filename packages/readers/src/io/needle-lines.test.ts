import { describe, expect, it } from 'vitest';
import { coverKeys, needleLineBlocks } from './needle-lines.js';

async function candidates(chunks: string[], forms: string[]): Promise<[number, string][]> {
  async function* gen(): AsyncGenerator<string> {
    yield* chunks;
  }
  const out: [number, string][] = [];
  for await (const b of needleLineBlocks(gen(), forms)) b.lines.forEach((l, k) => out.push([b.lineNumbers[k]!, l]));
  return out;
}

describe('needleLineBlocks', () => {
  const text = 'a /ETC/systemd/x\r\nnothing here\n\nb /lib/SYSTEMD/y\nsystemd/ only\nlast /etc/systemd/';
  const forms = ['/etc/systemd/', '/lib/systemd/'];

  it('keeps the lines holding a form case-insensitively, with their numbers, CR dropped, last line kept', async () => {
    const expected: [number, string][] = [[1, 'a /ETC/systemd/x'], [4, 'b /lib/SYSTEMD/y'], [6, 'last /etc/systemd/']];
    expect(await candidates([text], forms)).toEqual(expected);
  });

  it('finds forms and lines cut across chunks of any size', async () => {
    const expected = await candidates([text], forms);
    for (const size of [1, 2, 3, 7, 16]) {
      const chunks: string[] = [];
      for (let i = 0; i < text.length; i += size) chunks.push(text.slice(i, i + size));
      expect(await candidates(chunks, forms), `chunks of ${size}`).toEqual(expected);
    }
  });

  it('maps hits to lines when lowering changes the text length (U+0130 lowers to two units)', async () => {
    expect(await candidates(['\u0130\u0130\u0130 x\nİ /ETC/SYSTEMD/\nno\n'], forms)).toEqual([[2, 'İ /ETC/SYSTEMD/']]);
  });

  it('covers every form with a key', () => {
    const fs = ['\\u', '/etc/systemd/system/', '.config/systemd/user/', 'kthreadd'];
    const keys = coverKeys(fs);
    for (const f of fs) expect(keys.some((k) => f.includes(k)), f).toBe(true);
    expect(keys.length).toBeLessThan(fs.length);
  });
});
