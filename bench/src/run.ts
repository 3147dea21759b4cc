import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BENCH_ROOT } from './data-files.js';
import { runBench, type BenchOptions } from './harness.js';
import { renderMarkdown } from './report-md.js';

const USAGE = `usage: node bench/dist/run.js [--rows N] [--runs N] [--seed N] [--only id,id] [--in-process] [--no-write]
  --rows N        data rows (default 100000)
  --runs N        executions per contender; medians are reported (default 5)
  --only ids      run only contenders whose id starts with one of these
  --by-family     one round per target family (in memory; Arrow and Parquet; csv; flatJsonl;
                  streamingJsonl; sysmon), each warming the page cache with its own inputs only:
                  for sizes whose files exceed memory together (1e7 rows)
  --in-process    run contenders in this process (no per-contender peak RSS)
  --no-write      do not write bench/results/<date>-<rows>.md
Exit status: 0 when every contender agreed, 2 when the run is void (a contender disagreed).`;

function parseArgs(args: readonly string[]): (BenchOptions & { write: boolean }) | null {
  const opts: BenchOptions & { write: boolean } = { rows: 100_000, runs: 5, write: true };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const value = () => {
      const v = args[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    const int = () => {
      const n = Number(value().replace(/_/g, ''));
      if (!Number.isInteger(n) || n < 0) throw new Error(`${a} takes a non-negative integer`);
      return n;
    };
    if (a === '--rows') opts.rows = int();
    else if (a === '--runs') opts.runs = Math.max(1, int());
    else if (a === '--seed') opts.seed = int();
    else if (a === '--only') opts.only = value().split(',').filter((s) => s !== '');
    else if (a === '--in-process') opts.inProcess = true;
    else if (a === '--by-family') opts.byFamily = true;
    else if (a === '--no-write') opts.write = false;
    else if (a === '--') continue; // `pnpm bench -- --rows N` forwards the separator
    else if (a === '--help' || a === '-h') return null;
    else throw new Error(`unknown argument ${a}\n${USAGE}`);
  }
  return opts;
}

async function main(): Promise<number> {
  const opts = parseArgs(process.argv.slice(2));
  if (!opts) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  const report = await runBench({ ...opts, log: (m) => process.stderr.write(`[bench] ${m}\n`) });
  const md = renderMarkdown(report);
  process.stdout.write(md + '\n');
  if (opts.write) {
    const dir = path.join(BENCH_ROOT, 'results');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${report.startedAt.slice(0, 10)}-${report.rows}.md`);
    writeFileSync(file, md + '\n');
    process.stderr.write(`[bench] wrote ${file}\n`);
  }
  if (!report.ok) process.stderr.write('[bench] VOID: contenders disagree (see the table)\n');
  return report.ok ? 0 : 2;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    },
  );
}
