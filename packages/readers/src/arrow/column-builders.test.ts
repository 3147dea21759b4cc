import { describe, expect, it } from 'vitest';
import { makeVector } from 'apache-arrow';
import { DictionaryBuilder, Int64Builder, Utf8Builder } from './column-builders.js';
import { GrowingDictionary } from './growing-dictionary.js';

describe('column builders', () => {
  it('dictionary codes stay stable across flushes; earlier batches keep their values', () => {
    const b = new DictionaryBuilder(new GrowingDictionary());
    ['a', 'b', 'a'].forEach((s) => b.append(s));
    const first = b.flush();
    ['c', 'a'].forEach((s) => b.append(s));
    const second = b.flush();
    expect(Array.from(first.values as Int32Array)).toEqual([0, 1, 0]);
    expect(Array.from(second.values as Int32Array)).toEqual([2, 0]);
    expect(makeVector(first).toArray()).toEqual(['a', 'b', 'a']);
    expect(makeVector(second).toArray()).toEqual(['c', 'a']);
    expect(second.dictionary!.toArray()).toEqual(['a', 'b', 'c']);
    expect(first.dictionary!.toArray()).toEqual(['a', 'b']);
  });

  it('a dictionary that outgrows its limit restarts at the next batch', () => {
    let restarted: GrowingDictionary | undefined;
    const b = new DictionaryBuilder(new GrowingDictionary(), (d) => (restarted = d), 2);
    ['a', 'b', 'c'].forEach((s) => b.append(s));
    b.flush();
    expect(restarted).toBeDefined();
    b.append('z');
    const next = b.flush();
    expect(Array.from(next.values as Int32Array)).toEqual([0]);
    expect(makeVector(next).toArray()).toEqual(['z']);
  });

  it('strings are never null unless the column is nullable; truncate drops an aborted row', () => {
    const s = new Utf8Builder(false);
    s.append('x');
    s.appendNull();
    s.append('dropped');
    s.truncate(2);
    const d = s.flush();
    expect(d.nullCount).toBe(0);
    expect(makeVector(d).toArray()).toEqual(['x', '']);
    const n = new Int64Builder();
    n.append(5n);
    n.appendNull();
    n.appendNull();
    n.truncate(2);
    const v = makeVector(n.flush());
    expect(v.nullCount).toBe(1);
    expect(v.toArray().length).toBe(2);
    expect([v.get(0), v.get(1)]).toEqual([5n, null]);
  });
});
