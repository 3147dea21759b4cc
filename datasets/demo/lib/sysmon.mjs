// Sysmon for Linux's view of the model (shared/telemetry-formats.md §4): EventID 1, 3, 5, 11 and 23 as
// one-line XML records in syslog, with each host's own syslog prefix style, other programs' lines between.
import { hashText } from './model.mjs';
import { syslogRfc3339, syslogTraditional, sysmonUtc, systemTime, toMs, TICKS_PER_MS } from './time.mjs';

const PROVIDER = '<Provider Name="Linux-Sysmon" Guid="{ff032593-a8d3-4f13-b0d6-01fc615a0f97}"/>';
const VERSIONS = { 1: 5, 3: 5, 5: 3, 11: 2, 23: 5 };
const MAX_MESSAGE = 8192;

/** libxml2's text writer escapes these three in element text; quotes stay as they are. */
const escapeXml = (text) => String(text).replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

function processCreateData(proc) {
  const parent = proc.parent;
  return [
    ['RuleName', '-'],
    ['UtcTime', sysmonUtc(proc.start)],
    ['ProcessGuid', proc.guid],
    ['ProcessId', proc.pid],
    ['Image', proc.image],
    ['FileVersion', '-'],
    ['Description', '-'],
    ['Product', '-'],
    ['Company', '-'],
    ['OriginalFileName', '-'],
    ['CommandLine', proc.cmd],
    ['CurrentDirectory', proc.cwd],
    ['User', proc.user],
    ['LogonGuid', proc.session.logonGuid],
    ['LogonId', proc.session.logonId],
    ['TerminalSessionId', proc.session.terminal],
    ['IntegrityLevel', 'no level'],
    ['Hashes', `SHA256=${proc.sha256}`],
    ['ParentProcessGuid', parent?.guid ?? '{00000000-0000-0000-0000-000000000000}'],
    ['ParentProcessId', parent?.pid ?? 0],
    ['ParentImage', parent?.image ?? '-'],
    ['ParentCommandLine', parent?.cmd ?? '-'],
    ['ParentUser', parent?.user ?? '-'],
  ];
}

function eventData(event) {
  const proc = event.kind === 'file' ? event.sysmonProc : event.proc;
  const at = sysmonUtc(event.at);
  switch (event.kind) {
    case 'process':
      return [1, processCreateData(proc)];
    case 'exit':
      return [5, [['RuleName', '-'], ['UtcTime', at], ['ProcessGuid', proc.guid], ['ProcessId', proc.pid], ['Image', proc.image], ['User', proc.user]]];
    case 'network':
      return [3, [
        ['RuleName', '-'], ['UtcTime', at], ['ProcessGuid', proc.guid], ['ProcessId', proc.pid], ['Image', proc.image],
        ['User', proc.user], ['Protocol', event.protocol], ['Initiated', String(event.initiated)], ['SourceIsIpv6', 'false'],
        ['SourceIp', event.sourceIp], ['SourceHostname', '-'], ['SourcePort', event.sourcePort], ['SourcePortName', '-'],
        ['DestinationIsIpv6', 'false'], ['DestinationIp', event.destinationIp], ['DestinationHostname', '-'],
        ['DestinationPort', event.destinationPort], ['DestinationPortName', '-'],
      ]];
    case 'file':
      if (event.action === 'FileCreated') {
        return [11, [
          ['RuleName', event.ruleName], ['UtcTime', at], ['ProcessGuid', proc.guid], ['ProcessId', proc.pid], ['Image', proc.image],
          ['TargetFilename', event.path], ['CreationUtcTime', at], ['User', proc.user],
        ]];
      }
      return [23, [
        ['RuleName', event.ruleName], ['UtcTime', at], ['ProcessGuid', proc.guid], ['ProcessId', proc.pid], ['User', proc.user],
        ['Image', proc.image], ['TargetFilename', event.path],
        ['Hashes', event.content === null ? '-' : `SHA256=${hashText('sha256', event.content)}`],
        ['IsExecutable', 'false'], ['Archived', 'false'],
      ]];
    default:
      throw new Error(`no Sysmon event for ${event.kind}`);
  }
}

/** Which model events Sysmon logs: no FileModified/FileRenamed at all (no such events on Linux). */
export function sysmonSees(event) {
  if (event.host.sysmon === false) return false;
  if (event.kind === 'process') return true;
  if (event.kind === 'exit' || event.kind === 'network') return true;
  if (event.kind === 'file') return event.sysmon && (event.action === 'FileCreated' || event.action === 'FileDeleted');
  return false;
}

/** Sysmon records in event order per host, with EventRecordID a per-host counter. */
export function sysmonRecords(world) {
  const records = [];
  const counters = new Map(world.hosts.map((h) => [h, h.recordIdBase]));
  const ordered = world.events.filter(sysmonSees).sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  for (const event of ordered) {
    const recordId = counters.get(event.host) + 1;
    counters.set(event.host, recordId);
    const [eventId, data] = eventData(event);
    // TimeCreated is when Sysmon formatted the record: off from UtcTime by -7 ms .. +400 ms in real data.
    const created = toMs(event.at) + BigInt(world.rng.int(-7, 400)) * TICKS_PER_MS + BigInt(world.rng.int(0, 9999));
    const system =
      `<System>${PROVIDER}<EventID>${eventId}</EventID><Version>${VERSIONS[eventId]}</Version><Level>4</Level>` +
      `<Task>${eventId}</Task><Opcode>0</Opcode><Keywords>0x8000000000000000</Keywords>` +
      `<TimeCreated SystemTime="${systemTime(created)}"/><EventRecordID>${recordId}</EventRecordID><Correlation/>` +
      `<Execution ProcessID="${event.host.sysmonPid}" ThreadID="${event.host.sysmonPid}"/>` +
      `<Channel>Linux-Sysmon/Operational</Channel><Computer>${event.host.name}</Computer><Security UserId="0"/></System>`;
    const fields = data.map(([name, value]) => `<Data Name="${name}">${escapeXml(value)}</Data>`).join('');
    records.push({ event, eventId, recordId, loggedAt: created, xml: `<Event>${system}<EventData>${fields}</EventData></Event>` });
  }
  return records;
}

function prefix(host, loggedAt) {
  const { style, offsetMinutes = 0, pri = false } = host.syslogStyle;
  const stamp = style === 'rfc3339' ? syslogRfc3339(loggedAt, offsetMinutes) : syslogTraditional(loggedAt, offsetMinutes);
  return `${pri ? '<14>' : ''}${stamp} ${host.name}`;
}

/**
 * One collector file: every host's lines in receive order. rsyslog escapes control characters in
 * messages (`#012` for a line feed), so a command line with a newline stays on one line.
 */
export function syslogText(world, records) {
  const lines = [];
  for (const record of records) {
    const tag = record.event.host.sysmonTagPid ? `sysmon[${record.event.host.sysmonTagPid}]` : 'sysmon';
    const receivedAt = record.loggedAt + BigInt(world.rng.int(1, 300)) * TICKS_PER_MS;
    // rsyslog's default maximum message size cuts longer records (the XML is then not well-formed).
    const message = record.xml.replaceAll('\n', '#012').slice(0, MAX_MESSAGE);
    lines.push({ at: receivedAt, text: `${prefix(record.event.host, receivedAt)} ${tag}: ${message}` });
  }
  for (const event of world.events.filter((e) => e.kind === 'syslog' && e.host.sysmon !== false)) {
    lines.push({ at: event.at, text: `${prefix(event.host, event.at)} ${event.program}: ${event.message}` });
  }
  lines.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return `${lines.map((l) => l.text).join('\n')}\n`;
}
