import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Contender, ContenderOutcome } from '../contender.js';
import { timed } from '../contender.js';
import { NaiveDetection, type JsonRow } from './naive-rule.js';

const ENTITY = /&(?:amp|lt|gt|quot|apos|#(\d+)|#x([0-9a-fA-F]+));/g;
const NAMED: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" };

function decodeXml(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (m, dec: string | undefined, hex: string | undefined) =>
    dec ? String.fromCodePoint(Number(dec)) : hex ? String.fromCodePoint(parseInt(hex, 16)) : NAMED[m]!,
  );
}

const DATA = /<Data Name="([A-Za-z]+)">([^<]*)<\/Data>/g;

function eventData(xml: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const m of xml.matchAll(DATA)) fields.set(m[1]!, decodeXml(m[2]!));
  return fields;
}

const basename = (p: string) => p.slice(p.lastIndexOf('/') + 1);

/**
 * Sysmon for Linux syslog -> DeviceFileEvents per telemetry-formats.md §5.1, then Detection 1:
 * EventID 11 is FileCreated, 23 FileDeleted; DeviceName is `Computer`; Timestamp is `UtcTime`
 * (ms); InitiatingProcessCommandLine comes from the EventID 1 with the same (Computer,
 * ProcessGuid), looked up after the whole file is read (EventID 1 may come later).
 */
export const naiveSysmon: Contender = {
  id: 'naive-sysmon',
  label: 'naive JS: regex over Sysmon syslog XML',
  group: 'sysmon',
  input: 'sysmon',
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
        const xml = line.slice(at + 2);
        const id = /<EventID>(\d+)<\/EventID>/.exec(xml)?.[1];
        const computer = decodeXml(/<Computer>([^<]*)<\/Computer>/.exec(xml)?.[1] ?? '');
        if (id === '1') {
          const d = eventData(xml);
          commandLines.set(`${computer}|${d.get('ProcessGuid') ?? ''}`, d.get('CommandLine') ?? '');
        } else if (id === '11' || id === '23') {
          const d = eventData(xml);
          const target = d.get('TargetFilename') ?? '';
          // FileName is the basename, so `FileName endswith ".service"` holds exactly when the path
          // ends with it: rows that cannot match are not kept for the join.
          if (!target.toLowerCase().endsWith('.service')) continue;
          candidates.push({
            key: `${computer}|${d.get('ProcessGuid') ?? ''}`,
            row: {
              Timestamp: d.get('UtcTime') ?? null,
              DeviceName: computer,
              ActionType: id === '11' ? 'FileCreated' : 'FileDeleted',
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
