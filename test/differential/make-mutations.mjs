// Writes corpus/mutations.kql: mechanical mutations of valid detection queries (dropped tokens,
// swapped operators, duplicated tokens, truncations). Deterministic (fixed seed), so re-running it
// gives the same file; the output is committed and reviewed like any other corpus file.
//   node test/differential/make-mutations.mjs
import { writeFileSync } from 'node:fs';

const BASES = {
  seedlike: `let Paths = dynamic(["/etc/systemd/system/", "/lib/systemd/system/"]);
DeviceFileEvents
| where Timestamp > ago(24h)
| where ActionType in ("FileCreated", "FileModified")
| where FolderPath has_any (Paths)
| where FileName endswith ".service"
| project Timestamp, DeviceName, FolderPath, FileName
| sort by Timestamp desc`,
  systemctl: `DeviceProcessEvents
| where FileName =~ "systemctl" and ProcessCommandLine has_any ("enable", "start")
| where ProcessCommandLine matches regex @"systemctl.*\\.service"
| extend Verb = tostring(split(ProcessCommandLine, " ")[1])
| take 10`,
  window: `set query_now = datetime(2024-05-01T00:00:00Z);
let w = 2h;
DeviceFileEvents
| where Timestamp between (ago(w) .. now())
| where FileSize > 1024 * 1024 or not(isempty(FileOriginUrl))
| project-away SHA1, MD5
| count`,
  union: `union withsource=Src (DeviceFileEvents | project Timestamp, DeviceName), (DeviceProcessEvents | project Timestamp, DeviceName)
| where DeviceName startswith "web-"
| sort by Timestamp asc nulls first`,
  datatable: `let Bad = datatable(h:string, sev:long)["abc", 1, "def", 2];
DeviceFileEvents
| where SHA256 in (Bad | project h)
| project-rename Hash = SHA256
| project Timestamp, Hash, Size = FileSize / 1024`,
  print: `print a = strcat("x", "y"), b = strlen("hello") + 1, c = 1.5h, d = dynamic({"k": [1, 2]})
| extend e = a has "x"
| where b between (1 .. 10)`,
  lists: `let L = dynamic(["a", "b"]);
let T = datatable(n:string)["x"];
DeviceProcessEvents
| where ProcessCommandLine has_all (L) or FileName in~ (T)
| extend n = strlen(FileName), u = toupper(FileName)
| project-away SHA1`,
  literals: `print s = strcat(@"C:\\x", 'y', "\\t"), t = extract(@"(\\d+)", 1, "a12", typeof(long)), d = dynamic({"k": [1, 2.5, true, null, datetime(2020-01-01), 1d]})`,
  union2: `union kind=outer withsource=Src DeviceFileEvents, (DeviceProcessEvents | where ProcessId != 0)
| where Src == "DeviceFileEvents" and Timestamp > ago(1h)
| order by Timestamp desc nulls last
| limit 3`,
  arith: `print a = -1d + 2h * 3 - (datetime(2020-01-02) - datetime(2020-01-01)), b = (1 < 2) == true, c = (1 + 2) * 3 % 4 / 5.0`,
  negations: `DeviceFileEvents
| where not(FileName startswith_cs "x" or FolderPath !hassuffix "y") and FileSize !between (0 .. 10)
| project Timestamp, ['File Name'] = FileName`,
  dynaccess: `let d = dynamic({"a": {"b": [1, 2]}});
print x = d.a.b[0], y = d["a"]["b"][-1]
| where isnotnull(x)`,
};

// Tokens: strings (plain, verbatim), operators, words (incl. dashes in project-away), numbers, punctuation.
const TOKEN =
  /@"(?:[^"]|"")*"|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|matches regex|project-away|project-rename|!has_any|[!=<>]=|=~|!~|\.\.|[A-Za-z_][A-Za-z0-9_]*|\d+(?:\.\d+)?[a-z]*|\S/g;

function tokens(text) {
  const out = [];
  for (const m of text.matchAll(TOKEN)) out.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  return out;
}

let seed = 0x5eed;
function rand(n) {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed % n;
}

const SWAPS = {
  '==': ['=', '=~', '!='], '=~': ['==', '!~'], '>': ['>=', '<', '=>'], 'and': ['or', '&&', 'AND'],
  'or': ['||', 'OR'], 'has_any': ['has', 'has_all', 'hasany'], 'in': ['!in', 'in~', 'has'],
  'endswith': ['endswith_cs', 'has_any', 'ends_with'], 'startswith': ['hasprefix', 'startswith_cs', 'starts'],
  'between': ['in', '!between'], 'where': ['filter', 'Where', 'project'], 'project': ['extend', 'project-away', 'Project'],
  'sort': ['order', 'take', 'sortby'], '|': ['||', ';', ','], 'matches regex': ['matches', 'has', 'regex'],
  '..': ['.', ',', '...'], '*': ['**', '/', 'x'], '+': ['++', '-', '&'], 'let': ['Let', 'set'], ';': [',', ';;', '|'],
  '(': ['[', '{'], ')': [']', '}'], 'not': ['!', 'NOT', 'Not'], '!between': ['between', '!in', '! between'],
  'has_all': ['has_any', '!has_all', 'has all'], 'in~': ['in', '=~', 'in ~'], '<': ['<=', '=<', '<>'],
  'desc': ['DESC', 'descending', 'asc'], 'nulls': ['null', 'NULLS'], 'union': ['Union', 'join'],
  'kind': ['Kind', 'type'], 'withsource': ['with_source', 'source'], 'limit': ['top', 'take'],
  'dynamic': ['todynamic', 'Dynamic', 'json'], 'typeof': ['type', 'typeof_'], 'print': ['Print', 'project'],
};

const records = [];
for (const [name, text] of Object.entries(BASES)) {
  const toks = tokens(text);
  const splice = (t, repl) => text.slice(0, t.start) + repl + text.slice(t.end);
  records.push([`${name}-base`, text]);
  for (let i = 0; i < 6; i++) {
    const t = toks[1 + rand(toks.length - 1)];
    records.push([`${name}-trunc-${i}`, text.slice(0, t.start).trimEnd()]);
  }
  for (let i = 0; i < 8; i++) {
    const k = rand(toks.length);
    records.push([`${name}-drop-${i}`, splice(toks[k], '')]);
  }
  const swappable = toks.filter((t) => SWAPS[t.text]);
  for (let i = 0; i < 8 && swappable.length > 0; i++) {
    const t = swappable[rand(swappable.length)];
    const options = SWAPS[t.text];
    records.push([`${name}-swap-${i}`, splice(t, options[rand(options.length)])]);
  }
  for (let i = 0; i < 3; i++) {
    const t = toks[rand(toks.length)];
    records.push([`${name}-dup-${i}`, splice(t, `${t.text} ${t.text}`)]);
  }
}

// Mutants that land on a point where Kusto.Language is not the reference (see divergent.kql).
const EXCLUDED = {
  'window-trunc-0': 'statements with no tabular expression: Kusto.Language accepts, the subset needs one',
  'window-drop-0': 'malformed datetime text: Kusto.Language does not validate datetime literal contents',
  'literals-drop-4': 'malformed datetime text: Kusto.Language does not validate datetime literal contents',
  'arith-dup-0': 'malformed datetime text: Kusto.Language does not validate datetime literal contents',
  'arith-swap-7': 'datetime(...] swallows text up to the next ): Kusto.Language does not validate datetime literal contents',
  'arith-swap-6': 'legacy <> spelling, outside the subset',
  'datatable-trunc-0': 'empty project-rename list: Kusto.Language accepts it (like an empty project); the subset does not',
};

// Identical mutants would only repeat a verdict; keep the first of each text.
const seen = new Set();
const lines = [
  '// GENERATED by test/differential/make-mutations.mjs: do not edit by hand; re-run the script instead.',
  '// Mechanical mutations of valid queries: truncations, dropped tokens, swapped operators, duplicated tokens.',
];
for (const [id, text] of records) {
  if (seen.has(text) || text.trim() === '' || EXCLUDED[id]) continue;
  seen.add(text);
  lines.push(`//# ${id}`, text);
}
writeFileSync(new URL('./corpus/mutations.kql', import.meta.url), `${lines.join('\n')}\n`);
console.log(`wrote ${seen.size} mutation records`);
