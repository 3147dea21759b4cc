import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { substringMatcher } from './contains.js';
import { ENTRY_FALSE, ENTRY_TRUE, ENTRY_UNDECIDED, utf8AffixTest, utf8EqualsAnyTest } from './utf8-bytes.js';

// Pieces that stress the byte kernels: case, KELVIN SIGN (folds to k), multi-byte, astral, U+FFFD.
const alphabet = ['a', 'K', 'k', 'S', '.', 'e', '\u212A', 'é', 'É', '😀', '\uFFFD', 'x'];
const text = fc.array(fc.constantFrom(...alphabet), { maxLength: 6 }).map((cs) => cs.join(''));
/** UTF-8 of a string, sometimes with an invalid byte spliced in (decoded as U+FFFD). */
const encoded = fc.tuple(text, fc.option(fc.tuple(fc.nat(), fc.constantFrom(0x80, 0xc3, 0xff)), { nil: undefined })).map(([s, bad]) => {
  const b = [...Buffer.from(s, 'utf8')];
  if (bad !== undefined) b.splice(bad[0] % (b.length + 1), 0, bad[1]);
  return Uint8Array.from(b);
});

function decide(t: ReturnType<typeof utf8AffixTest>, bytes: Uint8Array, stringTest: (s: string) => boolean): boolean {
  // Embed the value in a larger buffer so offsets matter.
  const padded = Uint8Array.from([0x41, ...bytes, 0x42]);
  return t!(padded, 1, 1 + bytes.length) ?? stringTest(Buffer.from(bytes).toString('utf8'));
}

describe('utf8 byte kernels agree with the string kernels', () => {
  test.prop([encoded, fc.constantFrom('startswith', 'endswith') as fc.Arbitrary<'startswith' | 'endswith'>, fc.boolean(),
    fc.constantFrom('k', 'K.', '.s', 'ke', 'aK', 'x', '')], { numRuns: 400, seed: 7 })(
    'startswith / endswith (ASCII needles)',
    (bytes, mode, cs, needle) => {
      const stringTest = substringMatcher(needle, mode, cs);
      const t = utf8AffixTest(needle, mode, cs);
      expect(t).toBeDefined();
      expect(decide(t, bytes, stringTest)).toBe(stringTest(Buffer.from(bytes).toString('utf8')));
    },
  );

  test.prop([encoded, fc.array(text, { maxLength: 3 })], { numRuns: 400, seed: 8 })('equality with any needle', (bytes, needles) => {
    const t = utf8EqualsAnyTest(needles);
    const s = Buffer.from(bytes).toString('utf8');
    const expected = needles.includes(s);
    if (t === undefined) expect(needles.some((n) => n.includes('\uFFFD'))).toBe(true);
    else expect(decide(t, bytes, (v) => needles.includes(v))).toBe(expected);
  });

  // Long ASCII values exercise the word-at-a-time compare (words at 0, 4, ... plus an overlapping last word).
  const ascii = fc.array(fc.constantFrom('F', 'i', 'l', 'e', 'C', 'r', 'M', 'o'), { maxLength: 14 }).map((cs) => cs.join(''));
  test.prop([ascii, fc.array(ascii, { maxLength: 4 }), fc.nat(3)], { numRuns: 600, seed: 9 })(
    'equality with any needle, values up to 14 bytes at any alignment',
    (value, needles, shift) => {
      const t = utf8EqualsAnyTest([...needles, value.slice(1)])!;
      const bytes = Uint8Array.from([...Array.from({ length: shift }, () => 0x41), ...Buffer.from(value, 'utf8'), 0x42, 0x43]);
      expect(t(bytes, shift, shift + value.length)).toBe(needles.includes(value) || value.slice(1) === value);
    },
  );

  /** A plain column's bytes and offsets for `values` (with one leading byte so offsets do not start at 0). */
  function column(values: Uint8Array[]): { bytes: Uint8Array; offsets: Int32Array } {
    const offsets = new Int32Array(values.length + 1);
    offsets[0] = 1;
    values.forEach((v, i) => (offsets[i + 1] = offsets[i]! + v.length));
    const bytes = new Uint8Array(offsets[values.length]!);
    values.forEach((v, i) => bytes.set(v, offsets[i]!));
    return { bytes, offsets };
  }

  test.prop([fc.array(encoded, { maxLength: 12 }), fc.constantFrom('startswith', 'endswith') as fc.Arbitrary<'startswith' | 'endswith'>,
    fc.boolean(), fc.constantFrom('k', 'K.', '.s', 'ke', 'x'), fc.boolean(), fc.func(fc.boolean())], { numRuns: 300, seed: 10 })(
    'selectRows keeps the selected rows whose verdict (the string test where the bytes leave it open) is the one expected',
    (values, mode, cs, needle, expected, pick) => {
      const stringTest = substringMatcher(needle, mode, cs);
      const t = utf8AffixTest(needle, mode, cs)!;
      const { bytes, offsets } = column(values);
      const selection = Uint32Array.from(values.keys()).filter((r) => pick(r));
      const out = new Uint32Array(selection.length);
      const asked: number[] = [];
      const n = t.selectRows(bytes, offsets, selection, expected, out, (row) => (asked.push(row), stringTest(Buffer.from(values[row]!).toString('utf8'))));
      const want = [...selection].filter((r) => stringTest(Buffer.from(values[r]!).toString('utf8')) === expected);
      expect([...out.subarray(0, n)]).toEqual(want);
      // Only rows the bytes could not decide were decoded.
      expect(asked.every((r) => t(bytes, offsets[r]!, offsets[r + 1]!) === undefined)).toBe(true);
    },
  );

  test.prop([fc.array(encoded, { maxLength: 12 }), fc.array(text, { minLength: 1, maxLength: 3 }), fc.boolean()], { numRuns: 300, seed: 11 })(
    'selectRows of equality with any needle keeps the selected rows equal (or not) to a needle',
    (values, needles, expected) => {
      const t = utf8EqualsAnyTest(needles);
      if (t === undefined) return;
      const { bytes, offsets } = column(values);
      const selection = Uint32Array.from(values.keys());
      const out = new Uint32Array(selection.length);
      const n = t.selectRows(bytes, offsets, selection, expected, out, () => {
        throw new Error('equality is always decided on bytes');
      });
      const want = [...selection].filter((r) => needles.includes(Buffer.from(values[r]!).toString('utf8')) === expected);
      expect([...out.subarray(0, n)]).toEqual(want);
    },
  );

  test.prop([fc.array(fc.tuple(encoded, fc.constantFrom(ENTRY_UNDECIDED, ENTRY_UNDECIDED, ENTRY_FALSE, ENTRY_TRUE)), { maxLength: 12 }),
    fc.constantFrom('startswith', 'endswith') as fc.Arbitrary<'startswith' | 'endswith'>, fc.boolean(), fc.constantFrom('k', 'K.', '.s', 'ke', 'x')],
  { numRuns: 300, seed: 12 })(
    'decideEntries decides exactly the undecided entries (affix and equality kernels), leaving decided ones alone',
    (entries, mode, cs, needle) => {
      const { bytes, offsets } = column(entries.map(([v]) => v));
      const text = (c: number) => Buffer.from(entries[c]![0]).toString('utf8');
      const affix = substringMatcher(needle, mode, cs);
      const equal = (s: string) => s === needle;
      for (const [kernel, stringTest] of [[utf8AffixTest(needle, mode, cs)!, affix], [utf8EqualsAnyTest([needle])!, equal]] as const) {
        const states = Uint8Array.from(entries.map(([, state]) => state));
        kernel.decideEntries(bytes, offsets, states, entries.length, (c) => stringTest(text(c)));
        const want = entries.map(([, state], c) => (state !== ENTRY_UNDECIDED ? state : stringTest(text(c)) ? ENTRY_TRUE : ENTRY_FALSE));
        expect([...states]).toEqual(want);
      }
    },
  );
});
