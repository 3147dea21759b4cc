import { describe, expect, it } from 'vitest';
import { ProcessTable, type ProcessCreate } from './process-table.js';
import { LowerNeedles } from './text-store.js';

const create = (over: Partial<ProcessCreate>): ProcessCreate => ({
  computer: 'web01',
  guid: '{c66f2ed7-0000-0000-0000-000000000001}',
  pid: '100',
  commandLine: '/bin/bash -c true',
  user: 'root',
  startTicks: 1000n,
  hashes: undefined,
  logonId: undefined,
  parentGuid: '{c66f2ed7-0000-0000-0000-000000000000}',
  parentPid: '1',
  parentImage: '/usr/lib/systemd/systemd',
  ...over,
});

describe('ProcessTable', () => {
  it('keeps the values a row takes from an EventID 1, decoded as the mapping does (§5.1)', () => {
    const t = new ProcessTable();
    t.add(create({
      user: '-',
      hashes: 'SHA256=AB12 , md5=CD34,SHA1=EF56',
      logonId: '0x1F',
      parentImage: '/usr/sbin/sshd',
      commandLine: 'vi /tmp/ré sumé.txt',
    }));
    const e = t.find('web01', '{c66f2ed7-0000-0000-0000-000000000001}', '', 2000n);
    expect(e).toBe(0);
    expect(t.commandLine(e)).toBe('vi /tmp/ré sumé.txt');
    expect(t.user(e)).toBe('');
    expect(t.hashes(e)).toEqual({ SHA256: 'ab12', MD5: 'cd34', SHA1: 'ef56' });
    expect(t.logonId(e)).toBe(31n);
    expect(t.parentFileName(e)).toBe('sshd');
    expect(t.parentGuid(e)).toBe('{c66f2ed7-0000-0000-0000-000000000000}');
    expect(t.parentPid(e)).toBe('1');
    expect(t.pid(e)).toBe('100');
    expect(t.startTicks(e)).toBe(1000n);
    expect(t.endTicks(e)).toBeNull();
  });

  it('keys processes by (Computer, ProcessGuid) exactly, and skips an EventID 1 without a guid', () => {
    const t = new ProcessTable();
    t.add(create({ computer: 'web01', commandLine: 'a' }));
    t.add(create({ computer: 'web02', commandLine: 'b' }));
    t.add(create({ guid: '', commandLine: 'c' }));
    expect(t.size).toBe(2);
    expect(t.entryCount).toBe(2);
    expect(t.commandLine(t.entryId('web02', '{c66f2ed7-0000-0000-0000-000000000001}'))).toBe('b');
    expect(t.entryId('web03', '{c66f2ed7-0000-0000-0000-000000000001}')).toBe(-1);
    // No normalisation of case or braces.
    expect(t.entryId('web01', '{C66F2ED7-0000-0000-0000-000000000001}')).toBe(-1);
    expect(t.entryId('web01', 'c66f2ed7-0000-0000-0000-000000000001')).toBe(-1);
    expect(t.entryId('web01', '')).toBe(-1);
  });

  it('lets a later EventID 1 with the same key replace the earlier one, which stays for the pid fallback', () => {
    const t = new ProcessTable();
    t.add(create({ pid: '7', commandLine: 'first', startTicks: 100n }));
    t.add(create({ pid: '8', commandLine: 'second', startTicks: 200n }));
    expect(t.size).toBe(1);
    expect(t.commandLine(t.entryId('web01', '{c66f2ed7-0000-0000-0000-000000000001}'))).toBe('second');
    // An event of an unknown guid with pid 7 falls back to the replaced entry.
    expect(t.commandLine(t.find('web01', '{unknown}', '7', 150n))).toBe('first');
  });

  it('falls back to the latest EventID 1 with the same ProcessId that had started and not exited (§5.3)', () => {
    const t = new ProcessTable();
    t.add(create({ guid: '{a}', pid: '42', commandLine: 'a', startTicks: 100n }));
    t.add(create({ guid: '{b}', pid: '42', commandLine: 'b', startTicks: 300n }));
    t.add(create({ guid: '{c}', pid: '42', commandLine: 'c', startTicks: 500n, computer: 'web02' }));
    const at = (ticks: bigint | null): string => {
      const e = t.find('web01', '{gone}', '42', ticks);
      return e < 0 ? 'none' : t.commandLine(e);
    };
    expect(at(200n)).toBe('a');
    expect(at(400n)).toBe('b');
    expect(at(50n)).toBe('none');
    expect(at(null)).toBe('b');
    // EventID 5 of b at 350: after that, a (never exited) is the match again.
    t.terminate('web01', '{b}', 350n);
    expect(at(340n)).toBe('b');
    expect(at(400n)).toBe('a');
    expect(t.endTicks(t.entryId('web01', '{b}'))).toBe(350n);
    expect(t.find('web01', '{gone}', '', 400n)).toBe(-1);
    expect(t.find('web01', '{gone}', '43', 400n)).toBe(-1);
  });

  it('takes an EventID 5 seen before its EventID 1, and ends only the current entry of a key', () => {
    const t = new ProcessTable();
    t.terminate('web01', '{p}', 900n);
    t.terminate('web01', '', 900n);
    t.terminate('web01', '{q}', null);
    expect(t.size).toBe(0);
    t.add(create({ guid: '{p}', pid: '5', startTicks: 100n }));
    expect(t.endTicks(0)).toBe(900n);
    t.add(create({ guid: '{p}', pid: '5', startTicks: 950n }));
    t.terminate('web01', '{p}', 990n);
    expect(t.endTicks(0)).toBe(900n);
    expect(t.endTicks(1)).toBe(990n);
    expect(t.entryId('web01', '{q}')).toBe(-1);
  });

  it('prefers the later EventID 1 when start times are equal', () => {
    const t = new ProcessTable();
    t.add(create({ guid: '{a}', pid: '9', commandLine: 'a', startTicks: 100n }));
    t.add(create({ guid: '{b}', pid: '9', commandLine: 'b', startTicks: 100n }));
    expect(t.commandLine(t.find('web01', '{x}', '9', 200n))).toBe('b');
  });

  it('gives back texts with lone surrogates and empty texts as they were', () => {
    const t = new ProcessTable();
    t.add(create({ guid: '{s\uD800}', commandLine: 'x\uDC00y', user: undefined, parentImage: '' }));
    t.add(create({ guid: '{s\uFFFD}', commandLine: 'x\uFFFDy' }));
    const e = t.entryId('web01', '{s\uD800}');
    expect(e).toBe(0);
    expect(t.commandLine(e)).toBe('x\uDC00y');
    expect(t.user(e)).toBe('');
    expect(t.parentFileName(e)).toBe('');
    expect(t.commandLine(t.entryId('web01', '{s\uFFFD}'))).toBe('x\uFFFDy');
  });

  it('finds needles in correlated texts as toLowerCase + includes would, and lists the processes holding one', () => {
    const t = new ProcessTable();
    t.add(create({ guid: '{a}', pid: '1', commandLine: 'systemctl ENABLE evil.service' }));
    t.add(create({ guid: '{b}', pid: '2', commandLine: 'ls', hashes: 'MD5=ABCDEF' }));
    t.add(create({ guid: '{c}', pid: '3', commandLine: 'echo \u212Aelvin' }));
    t.add(create({ guid: '{d}', pid: '', commandLine: 'ls', parentImage: '/opt/Evil/EVILD' }));
    t.add(create({ guid: '{e}', pid: '5', commandLine: 'ls' }));
    expect(t.holdingNeedle(new LowerNeedles(['enable']), 32)).toEqual([{ guid: '{a}', pid: '1' }]);
    expect(t.holdingNeedle(new LowerNeedles(['cdef']), 32)).toEqual([{ guid: '{b}', pid: '2' }]);
    // U+212A (Kelvin sign) lower-cases to an ASCII k.
    expect(t.holdingNeedle(new LowerNeedles(['kelvin']), 32)).toEqual([{ guid: '{c}', pid: '3' }]);
    expect(t.holdingNeedle(new LowerNeedles(['evild', 'kelvin']), 32)).toEqual([
      { guid: '{c}', pid: '3' },
      { guid: '{d}', pid: '' },
    ]);
    expect(t.holdingNeedle(new LowerNeedles(['l']), 2)).toHaveLength(3);
  });

  it('stays exact past its first index and arena sizes', () => {
    const t = new ProcessTable();
    const long = 'x'.repeat(1_500_000);
    for (let i = 0; i < 30_000; i++) {
      t.add(create({ guid: `{g-${i}}`, pid: String(i % 1000), commandLine: i === 7 ? long : `cmd ${i} ${'a'.repeat(i % 50)}`, startTicks: BigInt(i) }));
    }
    expect(t.size).toBe(30_000);
    expect(t.commandLine(t.entryId('web01', '{g-7}'))).toBe(long);
    expect(t.commandLine(t.entryId('web01', '{g-29999}'))).toBe(`cmd 29999 ${'a'.repeat(29999 % 50)}`);
    expect(t.commandLine(t.entryId('web01', '{g-12345}'))).toBe(`cmd 12345 ${'a'.repeat(12345 % 50)}`);
    // pid 345 was started by entries 345, 1345, ..., 29345: the latest before 20000 is 19345.
    expect(t.commandLine(t.find('web01', '{none}', '345', 20_000n))).toBe(`cmd 19345 ${'a'.repeat(19345 % 50)}`);
  });
});
