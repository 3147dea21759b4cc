import type { BenchReport, ContenderSummary, RoundReport } from './harness.js';
import { REPEAT } from './contender.js';

const MiB = 2 ** 20;

function ms(v: number): string {
  return v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(v < 10 ? 2 : 1)} ms`;
}

function rate(count: number, millis: number): string {
  const perSec = (count / millis) * 1000;
  return perSec >= 1e6 ? `${(perSec / 1e6).toFixed(1)} M` : `${(perSec / 1e3).toFixed(0)} k`;
}

function row(report: BenchReport, s: ContenderSummary): string {
  if (s.runs.every((r) => r.error !== undefined)) {
    const error = (s.runs[0]?.error ?? 'failed').replace(/\|/g, '\\|').replace(/\s+/g, ' ').slice(0, 300);
    return `| ${s.label} | ${s.input} | **failed** | | | ${error} | | | |`;
  }
  const inMemory = s.headline !== undefined;
  const failed = s.failures > 0 ? ` (${s.failures} failed run(s))` : '';
  const phases = Object.entries(s.phases).map(([k, v]) => `${k} ${ms(v)}`).join(' · ') + failed;
  const mbps = inMemory ? '–' : ((s.inputBytes / MiB / s.medianTotalMs) * 1000).toFixed(0);
  return `| ${s.label} | ${s.input} | ${ms(s.medianHeadlineMs)} | ${rate(report.rows, s.medianHeadlineMs)} | ${mbps} | ${phases} | ${s.maxRssMiB.toFixed(0)} | ${s.digest.count} | \`${s.digest.hash.slice(0, 12)}\` |`;
}

const clock = (iso: string) => iso.slice(11, 16);
const loadRange = (r: RoundReport) => (r.load.min.toFixed(1) === r.load.max.toFixed(1) ? r.load.min.toFixed(1) : `${r.load.min.toFixed(1)}-${r.load.max.toFixed(1)}`);

/** How the contenders were grouped into rounds, when each ran and at what load. */
function roundsSentence(rounds: readonly RoundReport[]): string {
  const [only] = rounds;
  if (rounds.length === 1 && only !== undefined) {
    return `page cache warmed by reading the selected contenders' input files once (${ms(only.cacheWarmMs)}); ${clock(only.startedAt)}-${clock(only.endedAt)} UTC, 1-minute load average ${loadRange(only)}.`;
  }
  const each = rounds.map((r) => `${r.name} (${r.contenders.join(', ')}; ${clock(r.startedAt)}-${clock(r.endedAt)} UTC, load ${loadRange(r)}, cache warm ${ms(r.cacheWarmMs)})`);
  return `one round per target family, each warming the page cache with its own inputs only (the files exceed memory together), contenders alternating within a round: ${each.join('; ')}. Ratios within a round are same-run ratios.`;
}

/** The results file: data set, machine, one table per result group, verdicts. */
export function renderMarkdown(report: BenchReport): string {
  const m = report.manifest;
  const sizes = Object.entries(m.bytes).map(([k, v]) => `${k} ${(v / MiB).toFixed(1)} MiB`).join(', ');
  const lines: string[] = [
    `# kql-replay bench: ${report.rows.toLocaleString('en-US')} rows, ${report.startedAt.slice(0, 10)}`,
    '',
    `Rule: T1543.002 Detection 1, corrected (\`AccountName = InitiatingProcessAccountName\`), \`now\` = ${m.now}.`,
    `Data: seed ${m.seed}, ${m.rows.toLocaleString('en-US')} synthetic DeviceFileEvents rows (15 columns, 200 Linux hosts, 3 days); ${sizes}.`,
    `Machine: ${report.machine.cpu}, ${report.machine.cores} cores, ${report.machine.memoryGiB} GiB, Node ${report.machine.node}, ${report.machine.platform}.`,
    `Method: ${report.runs} run${report.runs === 1 ? '' : 's'}, contenders alternating (rotated order each run), ${report.mode === 'child-process' ? 'a fresh Node process per execution (peak RSS is that process\'s)' : 'all in one process (peak RSS is the whole process\'s)'}; ${roundsSentence(report.rounds)} Times are medians. In-memory contenders load first (not in the headline); their "first filter" is the cold first execution, and the headline "filter" is the median of up to ${REPEAT.runs} timed executions (at least ${REPEAT.minRuns}, within ${REPEAT.budgetMs / 1000} s) after warm-ups for ${REPEAT.warmupMs / 1000} s (at most ${REPEAT.maxWarmups} executions, the first included), each checked to return the first's rows.`,
    '',
    'Headline = `filter` for in-memory contenders, file → result otherwise. rows/s = data rows / headline. MB/s = input file size / file → result time.',
    '',
  ];
  for (const v of report.verdicts) {
    lines.push(`## ${v.group === 'defender' ? 'Defender-shaped inputs' : 'Sysmon for Linux syslog (FileCreated/FileDeleted only, ms times, short host names)'}`, '');
    lines.push('| contender | input | headline | rows/s | MB/s | phases (median) | peak RSS MiB | result rows | sha256 |');
    lines.push('|---|---|---|---|---|---|---|---|---|');
    for (const s of report.contenders.filter((c) => c.group === v.group)) lines.push(row(report, s));
    lines.push('');
    if (v.mismatches.length === 0) {
      lines.push(`All ${v.contenders.length} contenders returned the identical rows (reference: ${v.reference}).`, '');
    } else {
      lines.push(`**VOID: ${v.mismatches.length} contender(s) disagree with ${v.reference}.**`, '');
      for (const mm of v.mismatches) {
        lines.push(`- ${mm.id}: ${mm.actual.count} rows \`${mm.actual.hash.slice(0, 12)}\` (order violations ${mm.actual.orderViolations}) vs ${mm.expected.count} \`${mm.expected.hash.slice(0, 12)}\``);
        for (const s of mm.sample) lines.push(`  - \`${s}\``);
      }
      lines.push('');
    }
  }
  if (report.unavailable.length > 0) {
    lines.push('## Not run', '');
    for (const u of report.unavailable) lines.push(`- ${u.label}: ${u.reason}`);
    lines.push('');
  }
  return lines.join('\n');
}
