import { describe, expect, it } from 'vitest';
import { call, col, lit, member, schemaOf, str } from '../testing/plan-builders.js';
import { scanTextNeedles } from './scan-needles.js';

const schema = schemaOf(['Timestamp', 'datetime'], ['ActionType', 'string'], ['FolderPath', 'string'], ['FileName', 'string'], ['Size', 'long']);
const action = col(1, 'ActionType', 'string');
const folder = col(2, 'FolderPath', 'string');
const file = col(3, 'FileName', 'string');

describe('scanTextNeedles', () => {
  it('keeps the conjunct whose shortest needle is longest (the seed rule picks the has_any paths)', () => {
    const filters = [
      call('>', [col(0, 'Timestamp', 'datetime'), lit('datetime', 0n)]),
      member('in', action, [str('FileCreated'), str('FileModified')]),
      member('has_any', folder, [str('/etc/systemd/system/'), str('.config/systemd/user/')]),
      call('endswith', [file, str('.service')]),
    ];
    expect(scanTextNeedles(filters, schema)).toEqual(['/etc/systemd/system/', '.config/systemd/user/']);
  });

  it('looks into and, unions both sides of or, and accepts a literal on the left of ==', () => {
    expect(scanTextNeedles([call('and', [call('contains', [file, str('ab')]), call('==', [str('abcdef'), folder])])], schema)).toEqual(['abcdef']);
    expect(scanTextNeedles([call('or', [call('has', [file, str('kthreadd')]), call('startswith', [folder, str('/etc/')])])], schema))
      .toEqual(['kthreadd', '/etc/']);
  });

  it('implies nothing for negations, empty needles, non-literals, non-string columns or an or with a free side', () => {
    expect(scanTextNeedles([call('!contains', [file, str('abc')])], schema)).toBeUndefined();
    expect(scanTextNeedles([call('contains', [file, str('')])], schema)).toBeUndefined();
    expect(scanTextNeedles([call('contains', [file, folder])], schema)).toBeUndefined();
    expect(scanTextNeedles([call('==', [col(4, 'Size', 'long'), lit('long', 5n)])], schema)).toBeUndefined();
    expect(scanTextNeedles([member('in', file, [str('a'), str('')])], schema)).toBeUndefined();
    expect(scanTextNeedles([member('in', file, [str('a'), lit('long', 1n)])], schema)).toBeUndefined();
    expect(scanTextNeedles([call('or', [call('has', [file, str('x')]), call('>', [col(4, 'Size', 'long'), lit('long', 1n)])])], schema))
      .toBeUndefined();
  });

  it('drops empty has_any needles (they never match) and keeps the longest has_all needle', () => {
    expect(scanTextNeedles([member('has_any', file, [str(''), str('ab')])], schema)).toEqual(['ab']);
    expect(scanTextNeedles([member('has_all', file, [str('ab'), str('abcd')])], schema)).toEqual(['abcd']);
  });
});
