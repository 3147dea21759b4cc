import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { termBoundaryMatch } from './has.js';
import { foldCase } from './fold.js';
import { TermIndex } from './term-index.js';

// Pieces that make terms, punctuation edges, case differences and near misses.
const piece = fc.constantFrom('etc', 'ETC', 'systemd', 'system', '/', '.', '-', 'd', '2', 'x', ' ', 'é', '_');
const text = fc.array(piece, { maxLength: 8 }).map((p) => p.join(''));

/** has_any / has_all by the definition (kernels/has.ts), one needle at a time. */
const hasOne = (h: string, n: string) => n.length > 0 && termBoundaryMatch(foldCase(h), foldCase(n), 'has');

describe('TermIndex agrees with the `has` definition needle by needle', () => {
  // Up to 8 distinct needles take the short-list scan, more take the term index: both are covered.
  test.prop([text, fc.array(text, { minLength: 0, maxLength: 14 })], { numRuns: 800, seed: 11 })('has_any', (h, needles) => {
    expect(new TermIndex(needles).any(h)).toBe(needles.some((n) => hasOne(h, n)));
  });
  test.prop([text, fc.array(text, { minLength: 1, maxLength: 12 })], { numRuns: 400, seed: 12 })('has_all', (h, needles) => {
    expect(new TermIndex(needles).all(h)).toBe(needles.every((n) => hasOne(h, n)));
  });
});
