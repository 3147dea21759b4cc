import { describe, expect, it } from 'vitest';
import { parseIsoDatetime, TICKS_PER_DAY, type ScalarValue } from '@kqlr/common';
import { runQuery } from './index.js';

// End-to-end checks of documented examples (kql-semantics.md §2, §4, §5, §6) through the CLI's engine path.
async function rows(q: string): Promise<ScalarValue[][]> {
  const r = await runQuery(q, { now: parseIsoDatetime('2024-05-01T00:00:00Z')! });
  if (!r.ok) throw new Error(r.diagnostics.map((d) => `${d.code}: ${d.message}`).join('; '));
  return r.rows;
}
async function one(expr: string): Promise<ScalarValue> {
  return (await rows(`print x = ${expr}`))[0]![0]!;
}

describe('documented examples end to end', () => {
  it.each<[string, ScalarValue]>([
    ['int(1) + int(2)', 3n],
    ['1 / 2', 0n],
    ['-14 % 12', 10n],
    ['1d / 5h', 4.8],
    ['86400 * 1s', TICKS_PER_DAY],
    ['strlen("😀")', 1n],
    ['strlen("Hello"\', \'@"world!")', 13n],
    ['strcat("x", 1)', 'x1'],
    ['tostring(datetime(2020-01-01))', '2020-01-01T00:00:00.0000000Z'],
    ['tolong("abc")', null],
    ['extract(@"(\\d+)", 1, "ab 42", typeof(long))', 42n],
    ['extract("z", 0, "ab")', ''],
    ['dynamic([1,2,3])[-1]', 3],
    ['dynamic({"a":{"b":"c"}}).a.b', 'c'],
    ['dynamic({"a":1})["zz"]', null],
    ['split("a__b", "_")', ['a', '', 'b']],
    ['"Fabrikam" endswith "Kam"', true],
    ['"North America" hasprefix "ame"', true],
    ['"PALAU" hasprefix "la"', false],
    ['"BA" has "b"', false],
    ['"AAb" matches regex "(?i)a+(?-i)b+"', true],
    ['"AAB" matches regex "(?i)a+(?-i)b+"', false],
    ['isempty("")', true],
    ['long(null) == long(null)', null],
    ['long(null) != 1', true],
    ['5 between (1 .. 5)', true],
    ['datetime(2024-01-01T12:00:00Z) between (datetime(2024-01-01) .. 1d)', true],
    ['"a" in~ ("A", "b")', true],
    ['"sshd2.service" has_any (dynamic(["sshd2", "cron2"]))', true],
  ])('%s', async (expr, expected) => {
    expect(await one(expr)).toEqual(expected);
  });

  it('keeps 7 fraction digits through datetime arithmetic', async () => {
    expect(await one('datetime(2023-06-19T08:22:54.6623324Z) + 1tick')).toBe(parseIsoDatetime('2023-06-19T08:22:54.6623325Z'));
  });

  it('extend replaces in place; print names unnamed columns print_<i>', async () => {
    const r = await runQuery('datatable(a:int, b:int, c:int)[1, 2, 3] | extend a = 99');
    expect(r.ok && r.schema.columns.map((c) => c.name)).toEqual(['a', 'b', 'c']);
    expect(r.ok && r.rows).toEqual([[99n, 2, 3]]);
    const p = await runQuery('print 0 + 1 + 2, x = "Wow!"');
    expect(p.ok && p.schema.columns.map((c) => c.name)).toEqual(['print_0', 'x']);
  });

  it('in / has_any with a tabular let (first column)', async () => {
    const q = 'let L = datatable(v:string, w:long)["FileCreated", 1, "x", 2]; ' +
      'datatable(a:string)["FileCreated", "filecreated", "Other"] | where a in (L)';
    expect(await rows(q)).toEqual([['FileCreated']]);
    const h = 'let L = datatable(v:string)["systemd"]; datatable(a:string)["/etc/systemd/x", "/etc/systemdx"] | where a has_any (L)';
    expect(await rows(h)).toEqual([['/etc/systemd/x']]);
  });

  it('union fills missing columns and labels legs', async () => {
    const q = 'union withsource=src (datatable(a:long, s:string)[1, "x"]), (datatable(b:bool)[true]) | project src, a, s, b';
    const r = await rows(q);
    expect(r.map((x) => x.slice(1))).toEqual([[1n, 'x', null], [null, '', true]]);
  });

  it('sort defaults: desc with nulls last; asc with nulls first', async () => {
    const base = 'datatable(v:real)[1.0, real(null), 3.0, real(nan), 2.0]';
    expect((await rows(`${base} | sort by v`)).map((r) => r[0])).toEqual([3, 2, 1, NaN, null]);
    expect((await rows(`${base} | sort by v asc`)).map((r) => r[0])).toEqual([null, NaN, 1, 2, 3]);
  });

  it('take, count', async () => {
    expect(await rows('datatable(v:long)[1, 2, 3, 4] | take 2')).toEqual([[1n], [2n]]);
    expect(await rows('datatable(v:long)[1, 2, 3, 4] | where v > 1 | count')).toEqual([[3n]]);
  });
});
