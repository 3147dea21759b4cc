import { describe, expect, it } from 'vitest';
import { LowerNeedles, TextStore } from './text-store.js';

const GUID = '{c66f2ed7-4ca5-795e-fe03-2fe9a0110000}';

describe('TextStore', () => {
  it('gives back every text as interned, whatever its compact form', () => {
    const s = new TextStore();
    const texts = [
      GUID, GUID.toUpperCase(), GUID.slice(1, -1), `${GUID} `, '{c66f2ed7-4ca5-795e-fe03-2fe9a011000g}',
      '{c66f2ed7x4ca5-795e-fe03-2fe9a0110000}', '[c66f2ed7-4ca5-795e-fe03-2fe9a0110000]',
      '0', '00', '007', '42', '123456789', '536870911', '536870912', '1234567890', '-5', '4.0', '',
      'é', 'x\uD800', '\uDC00', '\uD83D\uDE00', 'a'.repeat(3_000_000),
    ];
    const ids = texts.map((t) => s.intern(t));
    expect(new Set(ids).size).toBe(texts.length);
    texts.forEach((t, k) => {
      expect(s.text(ids[k]!)).toBe(t);
      expect(s.intern(t)).toBe(ids[k]);
      expect(s.find(t)).toBe(ids[k]);
    });
    expect(s.find('{c66f2ed7-4ca5-795e-fe03-2fe9a0110001}')).toBe(-1);
    // A plain decimal number is its own id, stored or not.
    expect(s.text(s.find('43'))).toBe('43');
  });

  it('holds a needle as toLowerCase + includes does, for every form of text', () => {
    const s = new TextStore();
    const needles = (...n: string[]): LowerNeedles => new LowerNeedles(n);
    expect(s.holdsNeedle(s.intern('Systemctl ENABLE x.Service'), needles('.service'))).toBe(true);
    expect(s.holdsNeedle(s.intern('Systemctl ENABLE x.Service'), needles('.services'))).toBe(false);
    expect(s.holdsNeedle(s.intern(''), needles(''))).toBe(false);
    expect(s.holdsNeedle(s.intern(GUID), needles('4ca5-795e'))).toBe(true);
    expect(s.holdsNeedle(s.intern('31337'), needles('133'))).toBe(true);
    expect(s.holdsNeedle(s.intern('\u212Aill'), needles('kill'))).toBe(true);
    expect(s.holdsNeedle(s.intern('x\uD800KILL'), needles('kill'))).toBe(true);
  });
});
