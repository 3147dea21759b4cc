// A small reference evaluator, independent of the engine: readers for the three demo formats and the
// predicates of rules/T1543.002 with the semantics of shared/kql-semantics.md §5.3. Used by the verify
// scripts of datasets/demo and datasets/labelled.
// --- KQL string semantics (ASCII case folding; term characters [A-Za-z0-9]) ---
const isTerm = (c) => c !== undefined && /[A-Za-z0-9]/.test(c);
export function has(haystack, needle) {
  const h = haystack.toLowerCase();
  const n = needle.toLowerCase();
  for (let i = h.indexOf(n); i !== -1; i = h.indexOf(n, i + 1)) {
    const startOk = !isTerm(n[0]) || i === 0 || !isTerm(h[i - 1]);
    const endOk = !isTerm(n[n.length - 1]) || i + n.length === h.length || !isTerm(h[i + n.length]);
    if (startOk && endOk) return true;
  }
  return false;
}
export const hasAny = (s, needles) => needles.some((n) => has(s, n));
const PATHS = ['/etc/systemd/system/', '/lib/systemd/system/', '/usr/lib/systemd/system/', '/run/systemd/system/', '.config/systemd/user/', '/etc/systemd/user/'];
const NAMES = ['syslogd', 'systemd-network', 'systemd-resolve', 'kthreadd', 'netns', 'cron2', 'update-rc', 'sshd2', 'rsyslogd'];

/** Ticks since epoch from ISO text with up to 7 fraction digits (`Z`), or Sysmon's `YYYY-MM-DD hh:mm:ss.fff`. */
export function ticks(text) {
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(?:\.(\d{1,7}))?Z?$/.exec(text);
  if (!m) throw new Error(`bad time ${text}`);
  return BigInt(Date.parse(`${m[1]}T${m[2]}Z`)) * 10_000n + BigInt((m[3] ?? '').padEnd(7, '0'));
}

export function detection1(rows, now) {
  const since = now - 24n * 36_000_000_000n;
  return rows
    .filter((r) => ticks(r.Timestamp) > since)
    .filter((r) => r.ActionType === 'FileCreated' || r.ActionType === 'FileModified')
    .filter((r) => hasAny(r.FolderPath, PATHS))
    .filter((r) => r.FileName.toLowerCase().endsWith('.service'))
    .map((r) => ({
      Timestamp: r.Timestamp,
      DeviceName: r.DeviceName,
      ActionType: r.ActionType,
      FolderPath: r.FolderPath,
      IsUserLevelService: r.FolderPath.toLowerCase().includes('.config/systemd/user'),
      IsSuspiciousName: hasAny(r.FileName, NAMES),
    }));
}

// --- format readers ---
export function streamingRows(text, table = 'DeviceFileEvents') {
  return text.split('\n').filter((l) => l.trim() !== '').map(JSON.parse)
    .filter((r) => r.category === `AdvancedHunting-${table}`).map((r) => r.properties);
}

/** RFC 4180: quoted fields may hold commas, doubled quotes and line breaks. */
export function parseCsv(text) {
  const records = [];
  let field = '';
  let record = [];
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i += 1; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { record.push(field); field = ''; }
    else if (c === '\n') { record.push(field); records.push(record); record = []; field = ''; }
    else if (c !== '\r') field += c;
  }
  if (field !== '' || record.length > 0) { record.push(field); records.push(record); }
  const [header, ...body] = records;
  return body.map((values) => Object.fromEntries(header.map((name, i) => [name, values[i]])));
}

const unescapeXml = (s) => s.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"').replaceAll('&apos;', "'").replaceAll('&amp;', '&');

/** Sysmon EventID 11/23 -> DeviceFileEvents-shaped rows (telemetry-formats §5.1). */
function sysmonEvents(text, wanted) {
  const events = [];
  for (const line of text.split('\n')) {
    const at = line.indexOf(': <Event>');
    if (at === -1 || !/ sysmon(\[\d+\])?$/.test(line.slice(0, at)) || !line.endsWith('</Event>')) continue;
    const xml = line.slice(at + 2);
    const eventId = /<EventID>(\d+)<\/EventID>/.exec(xml)[1];
    if (!wanted.includes(eventId)) continue;
    const data = Object.fromEntries([...xml.matchAll(/<Data Name="(\w+)">([^<]*)<\/Data>/g)].map((m) => [m[1], unescapeXml(m[2].replaceAll('#012', '\n'))]));
    events.push({ eventId, xml, data });
  }
  return events;
}

/** Sysmon EventID 1 -> DeviceProcessEvents-shaped rows (telemetry-formats §5.2), the columns the rules use. */
export function sysmonProcessRows(text) {
  return sysmonEvents(text, ['1']).map(({ xml, data }) => ({
    Timestamp: data.UtcTime,
    DeviceName: /<Computer>([^<]*)<\/Computer>/.exec(xml)[1],
    ActionType: 'ProcessCreated',
    FileName: data.Image.slice(data.Image.lastIndexOf('/') + 1),
    FolderPath: data.Image,
    ProcessCommandLine: data.CommandLine,
  }));
}

export function sysmonFileRows(text) {
  const rows = [];
  for (const { eventId, xml, data } of sysmonEvents(text, ['11', '23'])) {
    const path = data.TargetFilename;
    rows.push({
      Timestamp: data.UtcTime,
      DeviceName: /<Computer>([^<]*)<\/Computer>/.exec(xml)[1],
      ActionType: eventId === '11' ? 'FileCreated' : 'FileDeleted',
      FolderPath: path,
      FileName: path.slice(path.lastIndexOf('/') + 1),
    });
  }
  return rows;
}


/** rules/T1543.002/detection2.kql: `=~` and has_any are case-insensitive, `matches regex` is case-sensitive. */
export function detection2(rows, now) {
  const since = now - 24n * 36_000_000_000n;
  return rows
    .filter((r) => ticks(r.Timestamp) > since)
    .filter((r) => r.FileName.toLowerCase() === 'systemctl')
    .filter((r) => hasAny(r.ProcessCommandLine, ['enable', 'start', 'daemon-reload']))
    .filter((r) => /systemctl.*(enable|start).*\.service/.test(r.ProcessCommandLine))
    .map((r) => ({ Timestamp: r.Timestamp, DeviceName: r.DeviceName, ActionType: r.ActionType, FolderPath: r.FolderPath, ProcessCommandLine: r.ProcessCommandLine }));
}
