import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SaxesParser } from 'saxes';
import fc from 'fast-check';
import { scanEvent } from './xml-event-scanner.js';
import type { SysmonBroken, SysmonEvent } from './sysmon-event.js';

/** Reference: a real XML parser (saxes) extracting the same fields. */
function saxesEvent(xml: string): SysmonEvent | SysmonBroken {
  const parser = new SaxesParser();
  const stack: string[] = [];
  const out: SysmonEvent = { eventId: NaN, recordId: '', computer: '', systemTime: '', data: {} };
  let text = '';
  let dataName: string | null = null;
  let error: string | null = null;
  parser.on('error', (e) => (error ??= e.message));
  parser.on('opentag', (t) => {
    stack.push(t.name);
    text = '';
    if (t.name === 'Data') dataName = String(t.attributes['Name'] ?? '');
    if (t.name === 'TimeCreated') out.systemTime = String(t.attributes['SystemTime'] ?? '');
  });
  parser.on('text', (t) => (text += t));
  parser.on('closetag', (t) => {
    stack.pop();
    if (t.name === 'EventID') out.eventId = Number(text.trim());
    if (t.name === 'EventRecordID') out.recordId = text.trim();
    if (t.name === 'Computer') out.computer = text.trim();
    if (t.name === 'Data' && dataName !== null) out.data[dataName] = text;
    text = '';
  });
  try {
    parser.write(xml).close();
  } catch (e) {
    error ??= (e as Error).message;
  }
  return error !== null ? { error } : out;
}

const realLines = ['6c1f4d8a-2e5b-4c9f-a7d3-0b5e8f1c4a6d.xml', '7b2e4f91-3c5d-4a8e-b6f0-1d9e2c7a4b5f.xml'].map((f) => {
  const line = readFileSync(new URL(`../../../../../datasets/real/sigmahq-sysmon-linux-regression/${f}`, import.meta.url), 'utf8');
  return line.slice(line.indexOf('<Event>'));
});

const invented =
  '<Event><System><Provider Name="Linux-Sysmon" Guid="{ff032593-a8d3-4f13-b0d6-01fc615a0f97}"/><EventID>11</EventID><Version>2</Version><Level>4</Level><Task>11</Task><Opcode>0</Opcode><Keywords>0x8000000000000000</Keywords><TimeCreated SystemTime="2024-05-14T10:22:31.441517000Z"/><EventRecordID>58213</EventRecordID><Correlation/><Execution ProcessID="812" ThreadID="812"/><Channel>Linux-Sysmon/Operational</Channel><Computer>web01</Computer><Security UserId="0"/></System><EventData><Data Name="RuleName">-</Data><Data Name="UtcTime">2024-05-14 10:22:31.437</Data><Data Name="ProcessGuid">{5a3e91c2-3b57-6643-1f2e-a8d1c7550000}</Data><Data Name="ProcessId">41237</Data><Data Name="Image">/usr/bin/bash</Data><Data Name="TargetFilename">/etc/systemd/system/art-systemd-service.service</Data><Data Name="CreationUtcTime">2024-05-14 10:22:31.437</Data><Data Name="User">root</Data></EventData></Event>';

const pretty = `<Event>
  <System>
    <Provider Name="Linux-Sysmon" Guid="{ff032593-a8d3-4f13-b0d6-01fc615a0f97}"/>
    <EventID>1</EventID>
    <TimeCreated SystemTime="2024-05-14T10:22:30.000000000Z"/>
    <EventRecordID>7</EventRecordID>
    <Computer>web01</Computer>
  </System>
  <EventData>
    <Data Name="CommandLine">sh -c "echo a &amp;&amp; cat &lt;in &gt;out" &#47;tmp &#x2F;x café</Data>
    <Data Name="Empty"/>
    <Data Name='Single'>q</Data>
  </EventData>
</Event>`;

describe('scanEvent agrees with saxes', () => {
  it.each([
    ['real SigmaHQ EventID 3', realLines[0]!],
    ['real SigmaHQ EventID 1', realLines[1]!],
    ['invented EventID 11', invented],
    ['pretty-printed with entities', pretty],
  ])('%s', (_, xml) => {
    const fast = scanEvent(xml)!;
    expect('error' in fast).toBe(false);
    expect(fast).toEqual(saxesEvent(xml));
  });

  it('reads concrete values of the real EventID 1 line', () => {
    const e = scanEvent(realLines[1]!) as SysmonEvent;
    expect(e.eventId).toBe(1);
    expect(e.recordId).toBe('154177');
    expect(e.computer).toBe('swachchhanda-ubuntu-wkstn');
    expect(e.data['CommandLine']).toBe('/bin/sh -c gh auth token');
    expect(e.data['ParentProcessGuid']).toBe('{ec2c9708-52f2-6a26-a106-000300000000}');
  });

  it('decodes entities and character references', () => {
    const e = scanEvent(pretty) as SysmonEvent;
    expect(e.data['CommandLine']).toBe('sh -c "echo a && cat <in >out" /tmp /x café');
    expect(e.data['Empty']).toBe('');
  });

  it('rejects what saxes rejects: cut records, stray markup, unknown entities', () => {
    const cuts = [invented.slice(0, 500), invented.slice(0, invented.length - 3), invented.replace('>root<', '>ro<ot<'),
      invented.replace('/usr/bin/bash', '/usr/bin/&bogus;')];
    for (const xml of cuts) {
      expect('error' in saxesEvent(xml)).toBe(true);
      expect('error' in scanEvent(xml)!).toBe(true);
    }
  });

  it('skips events the pass does not want without reading their data', () => {
    expect(scanEvent(invented, (id) => id === 1)).toBeNull();
    expect(scanEvent(invented, (id) => id === 11)).toEqual(saxesEvent(invented));
  });

  it('agrees with saxes on random values (property)', () => {
    const valueChar = fc.constantFrom('a', 'Z', ' ', '"', "'", '/', '&amp;', '&lt;', '&gt;', '&quot;', '&#47;', '&#x263A;', 'é', '\t');
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('Image', 'CommandLine', 'User', 'X'), fc.array(valueChar, { maxLength: 12 }).map((a) => a.join(''))), { maxLength: 5 }),
        (pairs) => {
          const data = pairs.map(([k, v]) => `<Data Name="${k}">${v}</Data>`).join('');
          const xml = invented.replace(/<EventData>.*<\/EventData>/, `<EventData>${data}</EventData>`);
          expect(scanEvent(xml)).toEqual(saxesEvent(xml));
        }),
      { seed: 42, numRuns: 200 },
    );
  });
});
