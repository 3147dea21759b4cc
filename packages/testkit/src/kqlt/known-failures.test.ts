import { describe, expect, it } from 'vitest';
import { parseKnownFailures } from './known-failures.js';

describe('parseKnownFailures', () => {
  it('reads file:line reason lines and skips comments and blanks', () => {
    const known = parseKnownFailures('# header\n\nstrings-has.kqlt:12 engine treats _ as a term char\nunion.kqlt:7\n');
    expect([...known.entries()]).toEqual([
      ['strings-has.kqlt:12', 'engine treats _ as a term char'],
      ['union.kqlt:7', ''],
    ]);
  });
});
