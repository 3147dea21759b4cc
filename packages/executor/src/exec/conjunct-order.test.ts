import { describe, expect, it } from 'vitest';
import { call, col, lit, member, str } from '../testing/plan-builders.js';
import { orderByCost } from './conjunct-order.js';

describe('orderByCost', () => {
  it('puts the seed rule time window first and has_any last, keeping the order of equals', () => {
    const ts = call('>', [col(0, 'Timestamp', 'datetime'), lit('datetime', 0n)]);
    const inList = member('in', col(1, 'ActionType', 'string'), [str('FileCreated'), str('FileModified')]);
    const hasAny = member('has_any', col(2, 'FolderPath', 'string'), [str('/etc/systemd/system/')]);
    const ends = call('endswith', [col(3, 'FileName', 'string'), str('.service')]);
    const starts = call('startswith', [col(3, 'FileName', 'string'), str('x')]);
    const regex = call('matches regex', [col(3, 'FileName', 'string'), str('a+')]);
    expect(orderByCost([regex, hasAny, ends, inList, starts, ts])).toEqual([ts, inList, ends, starts, hasAny, regex]);
  });
});
