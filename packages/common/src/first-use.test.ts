import { describe, expect, it } from 'vitest';
import { NO_VALUE, numberByFirstUse } from './first-use.js';

describe('numberByFirstUse', () => {
  it('codes rows by their value\'s first appearance; rows without a value keep code 0 and add nothing', () => {
    const values = ['b', null, 'a', 'b', 'c', null, 'a'];
    const { codes, order } = numberByFirstUse(values.length, (i) => values[i] ?? NO_VALUE);
    expect(order).toEqual(['b', 'a', 'c']);
    expect([...codes]).toEqual([0, 0, 1, 0, 2, 0, 1]);
  });
});
