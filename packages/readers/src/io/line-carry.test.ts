import { describe, expect, it } from 'vitest';
import { LineCarry } from './line-carry.js';

const bytes = (s: string): Buffer => Buffer.from(s, 'latin1');

describe('LineCarry', () => {
  it('joins the carried pieces with a tail and starts empty again', () => {
    const c = new LineCarry();
    c.append(bytes('ab'));
    c.append(bytes('cd'));
    expect(c.size).toBe(4);
    expect(c.join(bytes('e\n')).toString('latin1')).toBe('abcde\n');
    expect(c.size).toBe(0);
    expect(c.join(bytes('x')).toString('latin1')).toBe('x');
  });

  it('keeps copies: the sources may change after append', () => {
    const c = new LineCarry();
    const src = bytes('hello');
    c.append(src);
    src.fill(0);
    expect(c.join(bytes('!')).toString('latin1')).toBe('hello!');
  });

  it('appends a part of its own last join (the open CSV record moved to the front)', () => {
    const c = new LineCarry();
    c.append(bytes('0123'));
    const joined = c.join(bytes('456789'));
    c.append(joined.subarray(6));
    expect(c.join(bytes('|')).toString('latin1')).toBe('6789|');
  });

  it('grows for a long line and carries on after it', () => {
    const c = new LineCarry();
    const piece = Buffer.alloc(300 * 1024, 0x61);
    for (let k = 0; k < 8; k++) c.append(piece);
    const long = c.join(bytes('\n'));
    expect(long.length).toBe(8 * piece.length + 1);
    expect(long.every((b, i) => b === (i === long.length - 1 ? 10 : 0x61))).toBe(true);
    c.append(bytes('short'));
    expect(c.join(bytes('\n')).toString('latin1')).toBe('short\n');
  });
});
