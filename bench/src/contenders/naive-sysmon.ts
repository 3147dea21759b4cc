import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { SaxesParser } from 'saxes';
import type { Contender, ContenderOutcome } from '../contender.js';
import { timed } from '../contender.js';
import { NaiveDetection, type JsonRow } from './naive-rule.js';

/** What these baselines need of one Sysmon event. */
interface EventFields {
  id: string;
  computer: string;
  data: Map<string, string>;
}

/**
 * The baseline of issue #7: a real XML parser per event. A new saxes parser reads each line's
 * `<Event>` element completely (every element, attribute and text, entities decoded, well-formedness
 * checked); EventID, Computer and the `<Data Name=...>` texts are collected from its callbacks.
 */
function parseWithSaxes(xml: string): EventFields | null {
  const parser = new SaxesParser({ xmlns: false });
  let failed = false;
  let id = '';
  let computer = '';
  const data = new Map<string, string>();
  let text = '';
  let dataName: string | undefined;
  parser.on('error', () => (failed = true));
  parser.on('opentag', (t) => {
    text = '';
    dataName = t.name === 'Data' ? t.attributes['Name'] : undefined;
  });
  parser.on('text', (t) => (text += t));
  parser.on('closetag', (t) => {
    if (t.name === 'EventID') id = text.trim();
    else if (t.name === 'Computer') computer = text.trim();
    else if (t.name === 'Data' && dataName !== undefined) data.set(dataName, text);
    text = '';
  });
  parser.write(xml).close();
  return failed ? null : { id, computer, data };
}

const ENTITY = /&(?:amp|lt|gt|quot|apos|#(\d+)|#x([0-9a-fA-F]+));/g;
const NAMED: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" };

function decodeXml(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (m, dec: string | undefined, hex: string | undefined) =>
    dec ? String.fromCodePoint(Number(dec)) : hex ? String.fromCodePoint(parseInt(hex, 16)) : NAMED[m]!,
  );
}

const DATA = /<Data Name="([A-Za-z]+)">([^<]*)<\/Data>/g;

/** The earlier, lighter baseline: regular expressions over the XML text (no well-formedness check). */
function parseWithRegex(xml: string): EventFields | null {
  const data = new Map<string, string>();
  for (const m of xml.matchAll(DATA)) data.set(m[1]!, decodeXml(m[2]!));
  return {
    id: /<EventID>(\d+)<\/EventID>/.exec(xml)?.[1] ?? '',
    computer: decodeXml(/<Computer>([^<]*)<\/Computer>/.exec(xml)?.[1] ?? ''),
    data,
  };
}

const basename = (p: string) => p.slice(p.lastIndexOf('/') + 1);

/**
 * Sysmon for Linux syslog -> DeviceFileEvents per telemetry-formats.md §5.1, then Detection 1:
 * EventID 11 is FileCreated, 23 FileDeleted; DeviceName is `Computer`; Timestamp is `UtcTime`
 * (ms); InitiatingProcessCommandLine comes from the EventID 1 with the same (Computer,
 * ProcessGuid), looked up after the whole file is read (EventID 1 may come later).
 */
function sysmonContender(id: string, label: string, parse: (xml: string) => EventFields | null): Contender {
  return {
    id,
    label,
    group: 'sysmon',
    input: 'sysmon',
    heapMiB: 16384,
    async run(ctx): Promise<ContenderOutcome> {
      const phases: Record<string, number> = {};
      const commandLines = new Map<string, string>();
      const candidates: { key: string; row: JsonRow }[] = [];
      const detection = new NaiveDetection(ctx.nowTicks);
      await timed(phases, 'parse', async () => {
        const rl = createInterface({ input: createReadStream(ctx.files.sysmon, { highWaterMark: 1 << 20 }), crlfDelay: Infinity });
        for await (const line of rl) {
          const at = line.indexOf(': <Event>');
          if (at < 0 || !/ sysmon(\[\d+\])?$/.test(line.slice(0, at))) continue;
          const e = parse(line.slice(at + 2));
          if (e === null) continue;
          const d = e.data;
          if (e.id === '1') {
            commandLines.set(`${e.computer}|${d.get('ProcessGuid') ?? ''}`, d.get('CommandLine') ?? '');
          } else if (e.id === '11' || e.id === '23') {
            const target = d.get('TargetFilename') ?? '';
            // FileName is the basename, so `FileName endswith ".service"` holds exactly when the path
            // ends with it: rows that cannot match are not kept for the join.
            if (!target.toLowerCase().endsWith('.service')) continue;
            candidates.push({
              key: `${e.computer}|${d.get('ProcessGuid') ?? ''}`,
              row: {
                Timestamp: d.get('UtcTime') ?? null,
                DeviceName: e.computer,
                ActionType: e.id === '11' ? 'FileCreated' : 'FileDeleted',
                FileName: basename(target),
                FolderPath: target,
                InitiatingProcessAccountName: d.get('User') ?? '',
                InitiatingProcessFileName: basename(d.get('Image') ?? ''),
              },
            });
          }
        }
      });
      const rows = await timed(phases, 'join+filter', () => {
        for (const c of candidates) {
          c.row['InitiatingProcessCommandLine'] = commandLines.get(c.key) ?? '';
          detection.offer(c.row);
        }
        return detection.result();
      });
      return { rows, phases };
    },
  };
}

/** **Sysmon reference** (issue #7's baseline): a saxes XML parser per event. */
export const naiveSysmon: Contender = sysmonContender('naive-sysmon', 'naive JS: a saxes XML parser per Sysmon event', parseWithSaxes);

/** The same with regular expressions instead of an XML parser (a lighter, non-validating baseline). */
export const naiveSysmonRegex: Contender = sysmonContender('naive-sysmon-regex', 'naive JS: regex over Sysmon syslog XML', parseWithRegex);
