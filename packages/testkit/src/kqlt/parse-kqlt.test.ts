import { describe, expect, it } from 'vitest';
import { parseKqlt } from './parse-kqlt.js';

const file = [
  '# file header comment block',
  '',
  'now 2024-05-01T00:00:00Z',
  '',
  'table Events (Ts:datetime, Path:string, Size:long)',
  '{"Ts":"2024-04-30T22:10:05Z","Path":"/etc/systemd/system/a.service","Size":5}',
  '',
  '# has matches whole terms',
  '# source: L:has-operator',
  'query BS',
  'print a = "x" has "x", b = "two words"',
  '----',
  'true "two words"',
  '',
  '# unknown name',
  '# source: kql-semantics.md §7',
  'now 2020-01-01',
  'error any',
  'print nosuch',
].join('\n');

describe('parseKqlt', () => {
  const parsed = parseKqlt(file, 'x.kqlt');

  it('reads query records with letters, expected rows and context', () => {
    const q = parsed.records[0]!;
    expect(q.kind).toBe('query');
    if (q.kind !== 'query') return;
    expect(q.line).toBe(10);
    expect(q.title).toBe('has matches whole terms');
    expect(q.sources).toEqual(['L:has-operator']);
    expect(q.letters).toEqual(['B', 'S']);
    expect(q.sortMode).toBe('nosort');
    expect(q.query).toBe('print a = "x" has "x", b = "two words"');
    expect(q.expected).toEqual([['true', '"two words"']]);
    expect(q.now).toBe(17_145_216_000_000_000n);
    expect(q.tables.map((t) => t.name)).toEqual(['Events']);
  });

  it('reads error records with a record-local now', () => {
    const e = parsed.records[1]!;
    expect(e.kind).toBe('error');
    if (e.kind !== 'error') return;
    expect(e.code).toBe('any');
    expect(e.query).toBe('print nosuch');
    expect(e.now).toBe(15_778_368_000_000_000n);
    expect(e.line).toBe(18);
  });

  it('turns format mistakes into invalid records', () => {
    const bad = parseKqlt(
      [
        '# no source', 'query B', 'print true', '----', 'true', '',
        '# source: x', 'query Q', 'print 1', '----', '',
        '# source: x', 'query L', 'print 1', '----', '1 2', '',
        '# source: x', 'query L', 'datatable(a:long)[1,2]', '----', '1', '2', '',
        '# source: x', 'query L', 'print 1',
      ].join('\n'),
      'bad.kqlt',
    );
    expect(bad.records.map((r) => r.kind)).toEqual(['invalid', 'invalid', 'invalid', 'invalid', 'invalid']);
  });

  it('keeps # lines after the header as query text', () => {
    const r = parseKqlt('# source: x\nerror any\nprint 1\n# not a comment', 'c.kqlt').records[0]!;
    expect(r.kind === 'error' && r.query).toBe('print 1\n# not a comment');
  });

  it('needs a schema for tables that are not Defender tables', () => {
    const r = parseKqlt('table Foo\n{}\n\n# source: x\nerror any\nFoo', 't.kqlt').records;
    expect(r[0]!.kind).toBe('invalid');
  });
});
