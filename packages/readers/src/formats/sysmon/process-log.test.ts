import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { keyHashOf } from './key-hash.js';
import { CandidateKeys, ProcessLog } from './process-log.js';
import { ProcessTable, type ProcessCreate } from './process-table.js';
import { LowerNeedles } from './text-store.js';
import { baseName, clean } from './sysmon-values.js';

type Op = { end: false; p: ProcessCreate } | { end: true; computer: string; guid: string; t: bigint };

// Few hosts, guids and pids: replacement, pid reuse, ends before starts and parent chains all occur.
const host = fc.constantFrom('web01', 'web02', ' web03 ', 'wéb04');
const guidOf = fc.constantFrom('', '{c66f2ed7-0000-0000-0000-000000000001}', '{c66f2ed7-0000-0000-0000-000000000002}', '{g3}', '{g4\uD800}', '{G5}');
const pidOf = fc.constantFrom('', '1', '100', '0100', '200', 'x\u212A');
const ticks = fc.option(fc.bigInt({ min: 0n, max: 20n }), { nil: null });
const text = fc.constantFrom('', '-', 'no level', '/bin/bash -c Enable', 'vim /etc/systemd/system/a.service', 'K\u212Aelvin', 'SHA256=AB,MD5=CD', '/usr/lib/systemd/systemd', 'x\uD800y');
const maybe = fc.option(text, { nil: undefined });

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ computer: host, guid: guidOf, pid: pidOf, commandLine: text, user: maybe, startTicks: ticks, hashes: maybe, logonId: fc.option(fc.constantFrom('0', '0x1F', '-'), { nil: undefined }), parentGuid: guidOf, parentPid: pidOf, parentImage: text }).map((p): Op => ({ end: false, p })) },
  { weight: 1, arbitrary: fc.record({ computer: host, guid: guidOf, t: fc.bigInt({ min: 0n, max: 20n }) }).map((e): Op => ({ end: true, ...e })) },
);

/** A row's lookup: its process's key and time (a file event's own, an EventID 1's parent's). */
const lookup = fc.record({ computer: host, guid: guidOf, pid: pidOf, at: ticks });

function build(ops: Op[]): { log: ProcessLog; table: ProcessTable } {
  const log = new ProcessLog();
  const table = new ProcessTable();
  for (const o of ops) {
    if (o.end) {
      log.end(o.computer, o.guid, o.t);
      table.terminate(o.computer, o.guid, o.t);
    } else {
      log.create(o.p);
      table.add(o.p);
    }
  }
  return { log, table };
}

/** Everything a row takes from its process and its process's parent (sysmon-to-defender.ts). */
function rowValues(t: ProcessTable, l: { computer: string; guid: string; pid: string; at: bigint | null }): unknown {
  const p = t.find(l.computer, l.guid, l.pid, l.at);
  if (p < 0) return null;
  const grand = t.find(l.computer, t.parentGuid(p), t.parentPid(p), t.startTicks(p));
  return {
    commandLine: t.commandLine(p), user: t.user(p), hashes: t.hashes(p), logonId: t.logonId(p), parentPid: t.parentPid(p),
    parentFileName: t.parentFileName(p), start: t.startTicks(p), end: t.endTicks(p), pid: t.pid(p),
    grandStart: grand < 0 ? 'none' : t.startTicks(grand),
  };
}

describe('ProcessLog', () => {
  afterEach(() => {
    delete process.env['KQLR_SYSMON_LOG_MEMORY_BYTES'];
  });

  it.each([undefined, '0'])('replays into the table built directly, and a candidate table answers its rows as the full one (log memory %s, property)', async (memory) => {
    if (memory !== undefined) process.env['KQLR_SYSMON_LOG_MEMORY_BYTES'] = memory;
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), fc.array(lookup, { maxLength: 8 }), fc.array(lookup, { maxLength: 20 }), (ops, rows, others) => {
        const { log, table } = build(ops);
        try {
          const all = [...rows, ...others];
          const full = log.fullTable();
          expect(all.map((l) => rowValues(full, l))).toEqual(all.map((l) => rowValues(table, l)));
          const keys = new CandidateKeys();
          for (const r of rows) keys.add(r.computer, r.guid, r.pid);
          // A fresh log: tableFor on one that built its full table answers from that.
          const fresh = build(ops).log;
          try {
            const candidates = fresh.tableFor(keys);
            expect(rows.map((l) => rowValues(candidates, l))).toEqual(rows.map((l) => rowValues(table, l)));
          } finally {
            fresh.dispose();
          }
        } finally {
          log.dispose();
        }
      }),
      { seed: 24301, numRuns: 400 },
    );
  });

  it('a candidate table holds the processes its rows reach, not the others', () => {
    const ops: Op[] = [];
    for (let n = 0; n < 200; n++) {
      ops.push({ end: false, p: { computer: 'web01', guid: `{g${n}}`, pid: String(1000 + n), commandLine: `cmd ${n}`, user: 'root', startTicks: BigInt(n), hashes: undefined, logonId: undefined, parentGuid: `{g${n - 1}}`, parentPid: String(999 + n), parentImage: '/bin/sh' } });
    }
    const { log } = build(ops);
    const keys = new CandidateKeys();
    keys.add('web01', '{g150}', '1150');
    const t = log.tableFor(keys);
    // The process and its parent (the row's parent-creation time comes from it); nothing else.
    expect(t.entryCount).toBe(2);
    expect(t.commandLine(t.find('web01', '{g150}', '', 500n))).toBe('cmd 150');
    expect(t.startTicks(t.find('web01', '{g149}', '', 500n))).toBe(149n);
    expect(log.fullTable().entryCount).toBe(200);
  });

  it('needleKeys has the keys of every process holding a needle in a text rows take from it (property)', () => {
    const needle = fc.constantFrom('enable', 'systemd/system', 'kelvin', 'ab,md5', 'x', '-', 'level');
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), fc.array(needle, { minLength: 1, maxLength: 3 }), (ops, needles) => {
        const { log } = build(ops);
        const keys = log.needleKeys(new LowerNeedles(needles));
        for (const o of ops) {
          if (o.end || o.p.guid === '') continue;
          const p = o.p;
          const taken = [p.commandLine, clean(p.user), p.hashes ?? '', baseName(p.parentImage)];
          if (!taken.some((v) => v !== '' && needles.some((n) => v.toLowerCase().includes(n)))) continue;
          expect(keys.guid.has(keyHashOf(p.computer, p.guid))).toBe(true);
          expect(keys.pid.has(keyHashOf(p.computer, p.pid))).toBe(true);
        }
      }),
      { seed: 7, numRuns: 300 },
    );
  });

  it('needleKeys stays selective: processes without a needle leave their keys out', () => {
    const { log } = build([
      { end: false, p: { computer: 'web01', guid: '{a}', pid: '1', commandLine: 'systemctl enable x', user: 'root', startTicks: 1n, hashes: undefined, logonId: undefined, parentGuid: '', parentPid: '', parentImage: '' } },
      { end: false, p: { computer: 'web01', guid: '{b}', pid: '2', commandLine: 'ls', user: 'root', startTicks: 1n, hashes: undefined, logonId: undefined, parentGuid: '', parentPid: '', parentImage: '/usr/bin/ENABLED' } },
      { end: false, p: { computer: 'web01', guid: '{c}', pid: '3', commandLine: 'cat', user: 'root', startTicks: 1n, hashes: undefined, logonId: undefined, parentGuid: '', parentPid: '', parentImage: '' } },
    ]);
    const keys = log.needleKeys(new LowerNeedles(['enable']));
    expect(keys.guid.count).toBe(2);
    expect(keys.guid.has(keyHashOf('web01', '{c}'))).toBe(false);
    expect(keys.pid.has(keyHashOf('web01', '3'))).toBe(false);
  });
});
