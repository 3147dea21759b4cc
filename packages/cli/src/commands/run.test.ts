import { describe, expect, it } from 'vitest';
import { Command } from 'commander';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseNowOption, registerRunCommand, runToJsonl } from './run.js';
import { explainQuery } from './explain.js';

async function run(text: string, now?: string) {
  let out = '';
  let err = '';
  const code = await runToJsonl(
    { file: 'q.kql', text },
    { now: parseNowOption(now), tables: new Map() },
    (t) => (out += t),
    (t) => (err += t),
  );
  return { code, out, err, lines: out.split('\n').filter((l) => l !== '') };
}

describe('kqlr run (jsonl, §2.1/§2.2)', () => {
  it('prints one JSON object per row, keys in column order', async () => {
    const r = await run('datatable(b:string, a:long)["x", 1, "y", 2]');
    expect(r.code).toBe(0);
    expect(r.lines).toEqual(['{"b":"x","a":1}', '{"b":"y","a":2}']);
    expect(r.err).toBe('');
  });

  it('renders every type per §2.1', async () => {
    const r = await run(
      'print l = 9007199254740993, i = int(7), r = 1.5, b = true, s = "q\\"", n = long(null), ' +
        'd = datetime(2023-06-19T08:22:54.6623324Z), t = 1d, t2 = 100ms, dy = dynamic({"a":[1,"x",null]}), nan = real(nan), inf = real(-inf)',
    );
    expect(r.code).toBe(0);
    expect(r.lines).toEqual([
      '{"l":9007199254740993,"i":7,"r":1.5,"b":true,"s":"q\\"","n":null,"d":"2023-06-19T08:22:54.6623324Z","t":"1.00:00:00","t2":"00:00:00.1000000","dy":{"a":[1,"x",null]},"nan":"NaN","inf":"-Infinity"}',
    ]);
  });

  it('--now accepts 7 fraction digits and fixes now()', async () => {
    const r = await run('print n = now(), a = ago(1d)', '2023-06-19T08:22:54.6623324Z');
    expect(r.lines).toEqual(['{"n":"2023-06-19T08:22:54.6623324Z","a":"2023-06-18T08:22:54.6623324Z"}']);
  });

  it('a query error exits 1 with file:line:col on stderr and nothing on stdout', async () => {
    const r = await run('print x = 1\n| where nope == 1');
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/q\.kql:2:\d+/);
  });

  it('a runtime error (bad regex) exits 1 with nothing on stdout', async () => {
    const r = await run('datatable(s:string)["a", "b"] | where s matches regex "("');
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/invalid regular expression/);
  });

  it('an empty result prints zero lines', async () => {
    const r = await run('datatable(a:long)[1] | where a > 5');
    expect(r.code).toBe(0);
    expect(r.out).toBe('');
  });

  it('rejects a bad --now as a usage error', () => {
    expect(() => parseNowOption('yesterday')).toThrow(/invalid --now/);
  });

  it('is wired through commander', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kqlr-run-'));
    const file = join(dir, 'q.kql');
    writeFileSync(file, 'print x = 1');
    const program = new Command().exitOverride();
    registerRunCommand(program);
    const writes: string[] = [];
    const orig = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string) => (writes.push(String(chunk)), true)) as typeof process.stdout.write;
    try {
      await program.parseAsync(['node', 'kqlr', 'run', '--query-file', file, '--output', 'jsonl']);
    } finally {
      process.stdout.write = orig;
    }
    expect(writes.join('')).toBe('{"x":1}\n');
    expect(process.exitCode).toBe(0);
    process.exitCode = undefined;
  });
});

describe('kqlr explain', () => {
  it('prints the logical and the physical plan', async () => {
    const r = await explainQuery(
      { file: 'q', text: 'datatable(a:long, s:string)[1, "x"] | where s has "x" | project a' },
      { now: 0n, analyze: false, tables: new Map() },
    );
    expect(r.ok).toBe(true);
    expect(r.text).toContain('Logical plan:');
    expect(r.text).toMatch(/01\)ProjectionExec: exprs=\[a@0\]\n02\)--FilterExec: predicate=s@1 has "x"\n03\)----ValuesExec/);
  });
  it('--analyze adds per-operator metrics', async () => {
    const r = await explainQuery(
      { file: 'q', text: 'datatable(a:long)[1, 2, 3] | where a > 1' },
      { now: 0n, analyze: true, tables: new Map() },
    );
    expect(r.text).toMatch(/FilterExec: predicate=a@0 > 1, metrics=\[rows_in=3, rows_out=2/);
  });
});
