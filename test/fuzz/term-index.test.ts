import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { TermIndex } from '../../packages/executor/src/kernels/term-index.js';
import { termBoundaryMatch } from '../../packages/executor/src/kernels/has.js';
import { foldCase } from '../../packages/executor/src/kernels/fold.js';

// The indexed has_any/has_all must agree with the definition (one boundary scan per needle, has.ts).
const alphabet = fc.constantFrom('a', 'b', 'A', '1', '.', '/', '_', ' ', '\\', 'é', 'x');
const text = fc.array(alphabet, { maxLength: 14 }).map((cs) => cs.join(''));

describe('TermIndex agrees with the per-needle has scan', () => {
  test.prop([fc.array(text, { maxLength: 8 }), text], { seed: 20261127, numRuns: 1000 })('has_any / has_all', (needles, haystack) => {
    const index = new TermIndex(needles);
    const h = foldCase(haystack);
    const hits = needles.map((n) => termBoundaryMatch(h, foldCase(n), 'has'));
    expect(index.any(haystack)).toBe(hits.some((x) => x));
    expect(index.all(haystack)).toBe(needles.length > 0 ? hits.every((x) => x) : true);
  });
});
