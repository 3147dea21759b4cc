import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { coverKeys, needleLineBlocks, type NeedleLineOptions } from './needle-lines.js';

/**
 * `chunks` are byte strings (one char per byte), so a chunk may cut a UTF-8 sequence. They are
 * handed out as reused-chunks.ts does: each is a view of one buffer that is overwritten (first
 * with junk) as soon as the next chunk is asked for, so a reader that kept a view would fail.
 */
async function candidates(chunks: string[], forms: string[], options: NeedleLineOptions = {}): Promise<[number, string][]> {
  async function* gen(): AsyncGenerator<Uint8Array> {
    const shared = Buffer.alloc(Math.max(1, ...chunks.map((c) => c.length)));
    for (const c of chunks) {
      shared.fill(0x2f);
      shared.write(c, 'latin1');
      yield shared.subarray(0, c.length);
    }
    shared.fill(0x2f);
  }
  const out: [number, string][] = [];
  for await (const b of needleLineBlocks(gen(), forms, options)) b.lines.forEach((l, k) => out.push([b.lineNumbers[k]!, l]));
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
    const bytes = Buffer.from(text + '\nÜ /etc/Systemd/ \u212A', 'utf8').toString('latin1');
    const expected = await candidates([bytes], forms);
    expect(expected.map((e) => e[0])).toEqual([1, 4, 6, 7]);
    for (const size of [1, 2, 3, 7, 16]) {
      const chunks: string[] = [];
      for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.slice(i, i + size));
      expect(await candidates(chunks, forms), `chunks of ${size}`).toEqual(expected);
    }
  });

  it('decodes UTF-8 hit lines, drops only the first BOM, and finds KELVIN SIGN for a form with k', async () => {
    const utf8 = (s: string) => Buffer.from(s, 'utf8').toString('latin1');
    expect(await candidates([utf8('\uFEFFİ /ETC/SYSTEMD/\nno\n\uFEFF/etc/systemd/\n')], forms)).toEqual([[1, 'İ /ETC/SYSTEMD/'], [3, '\uFEFF/etc/systemd/']]);
    expect(await candidates([utf8('x \u212Athreadd\nthreadd\n')], ['kthreadd'])).toEqual([[1, 'x \u212Athreadd']]);
  });

  it('covers every form with a key', () => {
    const fs = ['\\u', '/etc/systemd/system/', '.config/systemd/user/', 'kthreadd'];
    const keys = coverKeys(fs);
    for (const f of fs) expect(keys.some((k) => f.includes(k)), f).toBe(true);
    expect(keys.length).toBeLessThan(fs.length);
  });

  // Keys are found by their rarest byte in both cases (anchors): every line holding a form in any
  // letter case must still be found, wherever the line and the run are cut.
  const PIECE = fc.constantFrom('/etc/', 'SYSTEMD', 'systemd/', 'Sys', 'temd', '/', 'y', 'Y', '\x0f', '\x0fSYSTEMD', 'kthreadd', '\u212Athreadd', 'é', 'É', ' ', '\r');
  const LINE = fc.array(PIECE, { maxLength: 8 }).map((ps) => ps.join(''));
  const FORMS = fc.subarray(['/etc/systemd/', 'systemd/', 'kthreadd', 'ys', 'y', '/'], { minLength: 1 });
  test.prop([fc.array(LINE, { minLength: 1, maxLength: 30 }), FORMS, fc.integer({ min: 1, max: 64 })], { seed: 7320 })(
    'keeps exactly the lines whose lower-cased text holds a form, in chunks of any size',
    async (lines, forms, size) => {
      const bytes = Buffer.from(lines.join('\n'), 'utf8').toString('latin1');
      const chunks: string[] = [];
      for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.slice(i, i + size));
      const expected = lines.flatMap((l, i): [number, string][] => {
        const text = l.endsWith('\r') ? l.slice(0, -1) : l;
        return forms.some((f) => text.toLowerCase().includes(f)) ? [[i + 1, text]] : [];
      });
      expect(await candidates(chunks, forms)).toEqual(expected);
    },
  );

  it('keeps CSV records whose quoted fields hold line breaks whole, across chunks, and hands an open tail back', async () => {
    const csv = 'h1,h2\n"a\nb /etc/systemd/",x\nplain,row\n"c /etc/systemd/ ""q""\nd",y\n"open /etc/systemd/\nstill';
    const bytes = Buffer.from(csv, 'utf8').toString('latin1');
    const expected: [number, string][] = [[1, 'h1,h2'], [2, '"a\nb /etc/systemd/",x'], [5, '"c /etc/systemd/ ""q""\nd",y']];
    for (const size of [1, 3, 5, 64]) {
      const chunks: string[] = [];
      for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.slice(i, i + size));
      let tail: [number, number] | undefined;
      const got = await candidates(chunks, ['/etc/systemd/'], { csvQuotes: true, keepHeader: true, onOpenTail: (b, l) => (tail = [b, l]) });
      expect(got, `chunks of ${size}`).toEqual(expected);
      // The open record: its bytes from its opening quote to the end, and the one line break inside.
      expect(tail, `chunks of ${size}`).toEqual([Buffer.byteLength('"open /etc/systemd/\nstill'), 1]);
    }
  });
});
