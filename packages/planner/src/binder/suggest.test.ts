import { describe, expect, it } from 'vitest';
import { editDistance, suggestName } from './suggest.js';

describe('suggestName', () => {
  const columns = ['Timestamp', 'FileName', 'InitiatingProcessAccountName', 'RequestAccountName', 'FolderPath'];
  it('prefers the same name in another case', () => {
    expect(suggestName('filename', columns)).toBe('FileName');
  });
  it('prefers a suffix match, first in schema order', () => {
    expect(suggestName('AccountName', columns)).toBe('InitiatingProcessAccountName');
  });
  it('falls back to a small edit distance', () => {
    expect(suggestName('FolderPth', columns)).toBe('FolderPath');
    expect(suggestName('Timestmap', columns)).toBe('Timestamp');
  });
  it('suggests nothing for unrelated names', () => {
    expect(suggestName('Zebra', columns)).toBeNull();
    expect(suggestName('', columns)).toBeNull();
  });
});

describe('editDistance', () => {
  it('counts insertions, deletions and substitutions', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });
});
