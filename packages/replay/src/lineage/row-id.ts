/**
 * Row ids of lineage: one Int64 per input event, `(tableIndex << 40) | rowNumber`. 40 bits of row
 * number (10^12 rows per table) leave 23 bits of table index, far more than any catalog needs.
 * Ids are positive, so a null id (a row from `Values`, or a union leg without lineage) stays
 * distinguishable.
 */
export const ROW_ID_COLUMN = '__kqlr_row_id';

const ROW_BITS = 40n;
const ROW_MASK = (1n << ROW_BITS) - 1n;

export function encodeRowId(tableIndex: number, rowNumber: number): bigint {
  return (BigInt(tableIndex) << ROW_BITS) | BigInt(rowNumber);
}

export function decodeRowId(id: bigint): { tableIndex: number; rowNumber: number } {
  return { tableIndex: Number(id >> ROW_BITS), rowNumber: Number(id & ROW_MASK) };
}
