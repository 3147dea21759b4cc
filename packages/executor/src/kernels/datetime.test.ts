import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { selectInt64VsConstant, selectNumberVsConstant, type CompareOp } from './datetime.js';
import { compareBoxed } from './compare.js';

const OPS: CompareOp[] = ['==', '!=', '<', '<=', '>', '>='];
// Values near the 32-bit word boundaries, where a hi/lo split goes wrong first.
const edgy = fc.oneof(
  fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
  fc.constantFrom(0n, -1n, 1n, 2n ** 31n, 2n ** 32n - 1n, 2n ** 32n, -(2n ** 32n), -(2n ** 31n) - 1n, 2n ** 63n - 1n, -(2n ** 63n)),
  fc.bigInt({ min: 16_000_000_000_000_000n, max: 17_000_000_000_000_000n }),
);

describe('allocation-free 64-bit comparisons against a constant', () => {
  test.prop([fc.array(fc.option(edgy, { nil: null, freq: 6 }), { maxLength: 30 }), edgy], { seed: 7, numRuns: 200 })(
    'agree with bigint comparison under every operator, with nulls',
    (cells, constant) => {
      const values = BigInt64Array.from(cells, (v) => v ?? 0n);
      const nulls = Uint8Array.from(cells, (v) => (v === null ? 1 : 0));
      const selection = Uint32Array.from(cells.keys());
      for (const op of OPS) {
        const got = [...selectInt64VsConstant(values, nulls, op, constant, selection)];
        const expected = cells.flatMap((v, i) => (compareBoxed(op, v, constant) === true ? [i] : []));
        expect(got, op).toEqual(expected);
      }
    },
  );

  test.prop([fc.array(fc.option(fc.double(), { nil: null, freq: 6 }), { maxLength: 30 }), fc.double()], { seed: 7, numRuns: 100 })(
    'number columns agree with boxed comparison (NaN satisfies only !=)',
    (cells, constant) => {
      const values = Float64Array.from(cells, (v) => v ?? 0);
      const nulls = Uint8Array.from(cells, (v) => (v === null ? 1 : 0));
      const selection = Uint32Array.from(cells.keys());
      for (const op of OPS) {
        const got = [...selectNumberVsConstant(values, nulls, op, constant, selection)];
        const expected = cells.flatMap((v, i) => (compareBoxed(op, v, constant) === true ? [i] : []));
        expect(got, op).toEqual(expected);
      }
    },
  );
});
