import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EventCursor, FIELD_NAMES } from './event-cursor.js';
import { scanEvent } from './xml-event-scanner.js';

const realLines = ['6c1f4d8a-2e5b-4c9f-a7d3-0b5e8f1c4a6d.xml', '7b2e4f91-3c5d-4a8e-b6f0-1d9e2c7a4b5f.xml'].map((f) => {
  const line = readFileSync(new URL(`../../../../../datasets/real/sigmahq-sysmon-linux-regression/${f}`, import.meta.url), 'utf8');
  return line.slice(line.indexOf('<Event')).trim();
});

const invented = '<Event><System><Provider Name="Linux-Sysmon" Guid="{ff032593-a8d3-4f13-b0d6-01fc615a0f97}"/><EventID>11</EventID><Version>2</Version><Level>4</Level><Task>11</Task><Opcode>0</Opcode><Keywords>0x8000000000000000</Keywords><TimeCreated SystemTime="2024-05-14T10:22:31.441517000Z"/><EventRecordID>58213</EventRecordID><Correlation/><Execution ProcessID="812" ThreadID="812"/><Channel>Linux-Sysmon/Operational</Channel><Computer>web01</Computer><Security UserId="0"/></System><EventData><Data Name="RuleName">-</Data><Data Name="UtcTime">2024-05-14 10:22:31.437</Data><Data Name="ProcessGuid">{5a3e91c2-3b57-6643-1f2e-a8d1c7550000}</Data><Data Name="ProcessId">41237</Data><Data Name="Image">/usr/bin/bash</Data><Data Name="TargetFilename">/etc/systemd/system/art-systemd-service.service</Data><Data Name="CreationUtcTime">2024-05-14 10:22:31.437</Data><Data Name="User">root</Data></EventData></Event>';

/** What the cursor read, in the string scanner's terms (only the mapped fields). */
function viaCursor(xml: string): object | false {
  const buf = Buffer.from(xml, 'utf8');
  const c = new EventCursor();
  if (!c.read(buf, 0, buf.length)) return false;
  const data: Record<string, string> = {};
  FIELD_NAMES.forEach((n, i) => {
    const v = c.field(i);
    if (v !== undefined) data[n] = v;
  });
  return { eventId: c.eventId, recordId: c.recordId(), computer: c.computer(), systemTime: c.systemTime(), data };
}

function viaScanner(xml: string): object {
  const e = scanEvent(xml);
  if (e === null || 'error' in e) return { error: e === null ? 'null' : e.error };
  const data: Record<string, string> = {};
  for (const n of FIELD_NAMES) if (e.data[n] !== undefined) data[n] = e.data[n];
  return { ...e, data };
}

describe('EventCursor (byte reader of canonical records) agrees with scanEvent', () => {
  it.each([['real EventID 3', realLines[0]!], ['real EventID 1', realLines[1]!], ['invented EventID 11', invented]])(
    'reads %s in place, with the values scanEvent gives',
    (_, xml) => {
      const fast = viaCursor(xml);
      expect(fast).not.toBe(false);
      expect(fast).toEqual(viaScanner(xml));
    },
  );

  it('leaves non-canonical and broken records to the string path', () => {
    const cases = [
      invented.replace('/usr/bin/bash', '/usr/bin/a&amp;b'), // entity
      invented.replace('>root<', '>r<oot<'), // markup in a value
      invented.slice(0, 600), // cut
      invented.replace('<EventID>11', '<EventID> 11'), // blanks the scanner trims
      invented.replace('<Computer>', '<ComputerName>x</ComputerName><Computer>'), // prefix of a read tag
      invented.replace('<Data Name="User">', '<Data  Name="User">'), // other spacing
      invented.replace('</EventData>', '</EventData><x/>'),
      `${invented}  x`,
    ];
    for (const xml of cases) expect(viaCursor(xml)).toBe(false);
  });

  it('accepts exactly what scanEvent accepts, with the same values, under mutation (property)', () => {
    const pieces = ['<', '>', '/', '"', "'", ' ', '&', '&amp;', '&#47;', 'é', 'Data', '</Data>', '<Data Name="User">', 'EventID', '</System>', '=', 'x'];
    const mutation = fc.tuple(fc.nat(), fc.nat({ max: 8 }), fc.constantFrom(...pieces));
    fc.assert(
      fc.property(fc.constantFrom(invented, ...realLines), fc.array(mutation, { maxLength: 3 }), (base, edits) => {
        let xml = base;
        for (const [at, del, ins] of edits) {
          const p = at % (xml.length + 1);
          xml = xml.slice(0, p) + ins + xml.slice(p + del);
        }
        const fast = viaCursor(xml);
        // The cursor may decline anything; what it accepts must be what the scanner reads.
        if (fast !== false) expect(fast).toEqual(viaScanner(xml));
      }),
      { seed: 7, numRuns: 3000 },
    );
  });

  it('reads several records of one buffer in order, each judged on its own bytes', () => {
    const lines = [invented, invented.replace('/usr/bin/bash', 'a&amp;b'), invented.replace('web01', 'web02')];
    const buf = Buffer.from(lines.join('\n'), 'utf8');
    const c = new EventCursor();
    const got: (string | false)[] = [];
    let p = 0;
    for (const l of lines) {
      const n = Buffer.byteLength(l);
      got.push(c.read(buf, p, p + n) ? c.computer() : false);
      p += n + 1;
    }
    expect(got).toEqual(['web01', false, 'web02']);
  });
});

describe('utcTimeTicksAt (UtcTime from bytes) agrees with parseDatetimeText', () => {
  it('on valid, invalid and other-form times (property)', async () => {
    const { utcTimeTicksAt } = await import('./utc-time-bytes.js');
    const { parseDatetimeText } = await import('../../values/parse-datetime.js');
    const two = (n: number) => String(n).padStart(2, '0');
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10000 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }),
        fc.integer({ min: 0, max: 24 }), fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 999 }),
        fc.constantFrom(' ', 'T', 'x'),
        (y, mo, d, h, mi, s, ms, sep) => {
          const text = `${String(y).padStart(4, '0')}-${two(mo)}-${two(d)}${sep}${two(h)}:${two(mi)}:${two(s)}.${String(ms).padStart(3, '0')}`;
          const fast = utcTimeTicksAt(Buffer.from(text), 0, text.length);
          // Either the byte path declines, or it gives what the text parser gives.
          if (fast !== null) expect(fast).toBe(parseDatetimeText(text));
          if (sep === ' ' && parseDatetimeText(text) !== null) expect(fast).toBe(parseDatetimeText(text));
        },
      ),
      { seed: 3, numRuns: 2000 },
    );
  });
});
