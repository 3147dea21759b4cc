import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { textOf } from './event-cursor.js';
import { KeySet, hostHashOfBytes, keyHashOf, keyHashOfField } from './key-hash.js';

describe('keyHashOf / hostHashOfBytes + keyHashOfField', () => {
  it('a key read in place hashes as the strings the cursor decodes from it (property: blanks, non-ASCII, broken UTF-8, absent field)', () => {
    const piece = fc.constantFrom('web01', ' ', '\t', 'é', '\u00a0', '{c66f2ed7-0000-0000-0000-000000000001}', '100', 'K', '\u212A');
    const bytesOf = fc.oneof(
      fc.array(piece, { maxLength: 5 }).map((p) => Buffer.from(p.join(''), 'utf8')),
      fc.uint8Array({ maxLength: 8 }).map((a) => Buffer.from(a)),
    );
    fc.assert(
      fc.property(bytesOf, fc.option(bytesOf, { nil: undefined }), (host, text) => {
        const buf = Buffer.concat([Buffer.from('<x>'), host, Buffer.from('<y>'), text ?? Buffer.alloc(0)]);
        const hostFrom = 3;
        const hostTo = hostFrom + host.length;
        const from = text === undefined ? -1 : hostTo + 3;
        const to = text === undefined ? -1 : from + text.length;
        const expected = keyHashOf(textOf(buf, hostFrom, hostTo).trim(), text === undefined ? '' : textOf(buf, from, to));
        expect(keyHashOfField(hostHashOfBytes(buf, hostFrom, hostTo), buf, from, to)).toBe(expected);
      }),
      { seed: 3, numRuns: 2000 },
    );
  });

  it('tells the host from the text: the same characters split differently hash differently', () => {
    expect(keyHashOf('web0', '1100')).not.toBe(keyHashOf('web01', '100'));
    expect(keyHashOf('web01', '100')).toBe(keyHashOf('web01', '100'));
    expect(keyHashOf('wéb01', '100')).not.toBe(keyHashOf('web01', '100'));
  });
});

describe('KeySet', () => {
  it('has exactly the keys added, also those sharing bitmap bits with others', () => {
    const set = new KeySet();
    const added = Array.from({ length: 1000 }, (_, i) => keyHashOf('web01', `{g${i}}`));
    for (const h of added) set.add(h);
    expect(set.count).toBe(1000);
    for (const h of added) expect(set.has(h)).toBe(true);
    // Same low 20 bits (the bitmap's), other high bits: not in the set.
    for (const h of added) expect(set.has((h ^ (1 << 25)) >>> 0)).toBe(false);
    expect(Array.from({ length: 1000 }, (_, i) => keyHashOf('web02', `{g${i}}`)).filter((h) => set.has(h) && !added.includes(h))).toEqual([]);
  });
});
