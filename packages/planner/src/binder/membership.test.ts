import { describe, expect, it } from 'vitest';
import { bindOk, expectErrors, plan } from '../../test-support/bind.js';

describe('in / has_any / has_all lists (§5.3)', () => {
  it('flattens a let-bound dynamic array into values', () => {
    expect(plan('let L = dynamic(["a", "b"]); Small | where b has_any (L)')).toBe(
      '01)Filter: b has_any ("a", "b")\n02)--TableScan: Small',
    );
  });
  it('mixes arrays and scalars', () => {
    expect(plan('let L = dynamic(["a"]); Small | where b has_any (L, "enable")')).toBe(
      '01)Filter: b has_any ("a", "enable")\n02)--TableScan: Small',
    );
  });
  it('expands numbers of a dynamic array as long or real literals', () => {
    const bound = plan('Small | where a in (dynamic([1, 2.5]), 3)');
    expect(bound).toBe('01)Filter: a in (1, 2.5, 3)\n02)--TableScan: Small');
  });
  it('uses a tabular let or an inline pipeline as a subquery (first column)', () => {
    expect(plan('let names = Other | project b; Small | where b in (names)')).toBe(
      [
        '01)Filter: b in ((subquery))',
        '02)--Subquery:',
        '03)----Projection: b',
        '04)------TableScan: Other',
        '05)--TableScan: Small',
      ].join('\n'),
    );
    expect(plan('Small | where b has_any ((Other | project b))')).toContain('Subquery:');
    const bound = bindOk('Small | where b !in (Other)');
    if (bound.body.kind !== 'Filter' || bound.body.predicate.kind !== 'Membership') throw new Error('shape');
    expect(bound.body.predicate.subquery?.kind).toBe('TableScan');
  });
  it('rejects a tabular element mixed with others', () => {
    expectErrors('Small | where b in ("x", ⟨Other⟩)', 'membership-tabular-mixed');
  });
  it('checks element types against the operator', () => {
    expectErrors('Small | where b has_any (⟨1⟩)', 'type-mismatch');
    expectErrors('Small | where b in~ (⟨1⟩)', 'type-mismatch');
    expectErrors('Small | where b in (⟨(Small | project c)⟩)', 'type-mismatch');
  });
  it('in accepts any comparable left side; in~ needs a string', () => {
    expect(plan('Small | where a !in (1, 2)')).toBe('01)Filter: a !in (1, 2)\n02)--TableScan: Small');
    expectErrors('Small | where ⟨a⟩ !in~ ("1")', 'operand-type');
  });
});
