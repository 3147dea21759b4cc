import { describe, expect, test } from 'vitest';
import { parseCorpusFile } from './corpus.js';
import { queryHash } from './generate-oracle.js';

describe('parseCorpusFile', () => {
  test('splits records at //# headers, ids are <stem>/<name>, the file comment is skipped', () => {
    const text = '// file comment\n//# a\nprint 1\n//# b -- why\nlet x = 1;\nprint x\n';
    const entries = parseCorpusFile('dir/topic.kql', text);
    expect(entries.map((e) => [e.id, e.note, e.query])).toEqual([
      ['topic/a', '', 'print 1'],
      ['topic/b', 'why', 'let x = 1;\nprint x'],
    ]);
  });

  test('keeps comments and inner blank lines, drops blank lines around the record', () => {
    const [entry] = parseCorpusFile('f.kql', '//# a\n\nprint 1 // c\n\n| take 1\n\n\n');
    expect(entry?.query).toBe('print 1 // c\n\n| take 1');
  });

  test('decodes {{U+XXXX}} escapes', () => {
    const [entry] = parseCorpusFile('f.kql', '//# a\n{{U+FEFF}}print{{U+00A0}}x = 1{{U+000D}}\n');
    expect(entry?.query).toBe('\uFEFFprint\u00A0x = 1\r');
  });

  test('a plain // comment line is not a header', () => {
    const entries = parseCorpusFile('f.kql', '//# a\n// not a header\nprint 1\n');
    expect(entries).toHaveLength(1);
    expect(entries[0]?.query).toBe('// not a header\nprint 1');
  });
});

test('queryHash depends on every character of the query', () => {
  expect(queryHash('print 1')).toMatch(/^[0-9a-f]{12}$/);
  expect(queryHash('print 1')).not.toBe(queryHash('print 1 '));
});
