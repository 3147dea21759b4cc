import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { lineBlocks } from '../../io/line-splitter.js';
import { FileScanContext } from '../../scan/scan-context.js';
import type { InputFile } from '../../scan/input-file.js';
import { FIELD_NAMES } from './event-cursor.js';
import { readSyslogBytes } from './syslog-bytes.js';
import { syslogLineEvent } from './syslog-line.js';
import type { SysmonBroken, SysmonEvent } from './sysmon-event.js';

const FILE: InputFile = { path: 'mem.log', size: 0, gzip: false, format: 'sysmon', tables: [], tableRule: '' };

const xml = (id: number, computer: string, image: string) =>
  `<Event><System><Provider Name="Linux-Sysmon" Guid="{ff032593-a8d3-4f13-b0d6-01fc615a0f97}"/><EventID>${id}</EventID><Version>2</Version><TimeCreated SystemTime="2024-05-14T10:22:31.441517000Z"/><EventRecordID>5${id}</EventRecordID><Correlation/><Computer>${computer}</Computer><Security UserId="0"/></System><EventData><Data Name="RuleName">-</Data><Data Name="UtcTime">2024-05-14 10:22:31.437</Data><Data Name="ProcessGuid">{5a3e91c2-3b57-6643-1f2e-a8d1c7550000}</Data><Data Name="Image">${image}</Data><Data Name="TargetFilename">/etc/systemd/system/a.service</Data><Data Name="Empty"/></EventData></Event>`;

/** Line kinds a syslog file mixes: Sysmon records in every shape, other programs, blanks, damage. */
const LINES = [
  `2024-05-14T10:22:31.442087+00:00 web01 sysmon: ${xml(11, 'web01', '/usr/bin/bash')}`,
  `May  4 10:22:31 web01 sysmon[1109]: ${xml(1, 'web01', '/usr/bin/r\u00e9sum\u00e9')}`,
  `<14>May 14 10:22:31 web01 sysmon: ${xml(23, 'db01', 'a &amp; b')}`,
  `May 14 10:22:31 web01 sysmon: ${xml(11, 'web01', '/bin/sh').slice(0, 400)}`,
  `May 14 10:22:31 web01 sysmon: ${xml(11, 'web01', 'x<y')}`,
  `May 14 10:22:31 web01 sysmon:\u00a0${xml(11, ' web01 ', '/bin/sh')}  `,
  `May 14 10:22:31 web01 notsysmon: ${xml(11, 'web01', '/bin/sh')}`,
  `May 14 10:22:31 web01 sysmon: <EventX>`,
  `May 14 10:22:31 web01 sysmon: Sysmon started.`,
  `May 14 10:22:31 web01 CRON[123]: (root) CMD (true)`,
  xml(5, 'web01', '/bin/true'),
  '',
  '   ',
  '\u00a0',
];

type Seen = [number, string, unknown];

function describeEvent(r: SysmonEvent | SysmonBroken): unknown {
  if ('error' in r) return { error: r.error };
  const data: Record<string, string> = {};
  for (const n of FIELD_NAMES) if (r.data[n] !== undefined) data[n] = r.data[n];
  return { eventId: r.eventId, recordId: r.recordId, computer: r.computer, systemTime: r.systemTime, data };
}

async function viaBytes(bytes: Uint8Array[]): Promise<{ seen: Seen[]; skipped: number }> {
  const ctx = new FileScanContext(FILE, {}, false, () => undefined);
  const seen: Seen[] = [];
  // Chunks are handed out as io/reused-chunks.ts does: views of one buffer that is overwritten
  // (with junk first) as soon as the next chunk is asked for, so a reader that kept a view fails.
  async function* source(): AsyncGenerator<Uint8Array> {
    const shared = Buffer.alloc(Math.max(1, ...bytes.map((b) => b.length)));
    for (const b of bytes) {
      shared.fill(0x3c);
      shared.set(b);
      yield shared.subarray(0, b.length);
    }
    shared.fill(0x3c);
  }
  await readSyslogBytes(source(), ctx, {
    fast: (c, line) => {
      const data: Record<string, string> = {};
      FIELD_NAMES.forEach((n, i) => {
        const v = c.field(i);
        if (v !== undefined) data[n] = v;
      });
      seen.push([line, 'event', { eventId: c.eventId, recordId: c.recordId(), computer: c.computer(), systemTime: c.systemTime(), data }]);
    },
    scanned: (r, line) => {
      if (r !== null) seen.push([line, 'event', describeEvent(r)]);
    },
  });
  return { seen, skipped: ctx.skippedLines };
}

async function viaText(text: string): Promise<{ seen: Seen[]; skipped: number }> {
  const ctx = new FileScanContext(FILE, {}, false, () => undefined);
  const seen: Seen[] = [];
  async function* source(): AsyncGenerator<string> {
    yield text;
  }
  for await (const block of lineBlocks(source())) {
    block.lines.forEach((l, k) => {
      const r = syslogLineEvent(l, ctx);
      if (r !== undefined && r !== null) seen.push([block.firstLine + k, 'event', describeEvent(r)]);
    });
  }
  return { seen, skipped: ctx.skippedLines };
}

/** Cuts bytes at the given offsets (chunk boundaries anywhere, also inside a character). */
function cut(bytes: Uint8Array, at: number[]): Uint8Array[] {
  const points = [...new Set(at.map((a) => a % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let from = 0;
  for (const p of [...points, bytes.length]) {
    out.push(bytes.subarray(from, p));
    from = p;
  }
  return out;
}

describe('readSyslogBytes agrees with the text path (lineBlocks + syslogLineEvent)', () => {
  it('on every kind of line, one chunk', async () => {
    const text = LINES.join('\n');
    const fast = await viaBytes([Buffer.from(text)]);
    expect(fast).toEqual(await viaText(text));
    // The canonical lines were read (not only skipped): 11, 1, 5 and the errors of the broken ones.
    expect(fast.seen.map(([l]) => l)).toEqual([1, 2, 3, 4, 5, 6, 11]);
    // notsysmon, <EventX>, "Sysmon started.", CRON; blank lines (also a no-break space) are not counted.
    expect(fast.skipped).toBe(4);
  });

  it('with CRLF, a BOM, a last line without a break, and chunks cut anywhere (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...LINES), { minLength: 1, maxLength: 12 }),
        fc.boolean(),
        fc.boolean(),
        fc.array(fc.nat(), { maxLength: 6 }),
        async (lines, crlf, bom, at) => {
          const text = (bom ? '\ufeff' : '') + lines.join(crlf ? '\r\n' : '\n');
          const bytes = Buffer.from(text);
          // textChunks drops the file's BOM before lineBlocks sees the text.
          expect(await viaBytes(cut(bytes, at))).toEqual(await viaText(bom ? text.slice(1) : text));
        },
      ),
      { seed: 11, numRuns: 150 },
    );
  });
});
