import { describe, expect, it } from 'vitest';
import { recordBatchFromRows } from '@kqlr/executor';
import type { ScalarValue, TableSchema } from '@kqlr/common';
import { DeferredWriter, jsonlLines } from './jsonl.js';

const lines = (schema: TableSchema, rows: ScalarValue[][], dict: string[] = []) =>
  [...jsonlLines(recordBatchFromRows(schema, rows, new Set(dict)))];

describe('jsonlLines (§2.1)', () => {
  const schema: TableSchema = {
    columns: [
      { name: 'l', type: 'long' }, { name: 'r', type: 'real' }, { name: 's', type: 'string' }, { name: 'g', type: 'guid' },
      { name: 'd', type: 'datetime' }, { name: 't', type: 'timespan' }, { name: 'y', type: 'dynamic' }, { name: 'b', type: 'bool' },
    ],
  };
  it('prints longs exactly, NaN/Infinity as strings, strings never null', () => {
    expect(lines(schema, [[2n ** 62n + 1n, NaN, '', null, null, null, null, null], [-5n, Infinity, 'x"y', 'a-b', 0n, -1n, [1, { k: 'v' }], false]])).toEqual([
      '{"l":4611686018427387905,"r":"NaN","s":"","g":null,"d":null,"t":null,"y":null,"b":null}\n',
      '{"l":-5,"r":"Infinity","s":"x\\"y","g":"a-b","d":"1970-01-01T00:00:00.0000000Z","t":"-00:00:00.0000001","y":[1,{"k":"v"}],"b":false}\n',
    ]);
  });
  it('reads dictionary-encoded strings and keeps column order as keys', () => {
    const s: TableSchema = { columns: [{ name: 'z', type: 'string' }, { name: 'a', type: 'long' }] };
    expect(lines(s, [['q', 1n], ['q', 2n]], ['z'])).toEqual(['{"z":"q","a":1}\n', '{"z":"q","a":2}\n']);
  });
});

describe('DeferredWriter', () => {
  it('writes nothing until flushed, then everything once', async () => {
    const out: string[] = [];
    const w = new DeferredWriter((t) => void out.push(t));
    await w.push('a\n');
    await w.push('b\n');
    expect(out).toEqual([]);
    await w.flush();
    expect(out).toEqual(['a\nb\n']);
  });
  it('starts streaming past its limit', async () => {
    const out: string[] = [];
    const w = new DeferredWriter((t) => void out.push(t), 3);
    await w.push('ab');
    await w.push('cd');
    await w.push('e');
    await w.flush();
    expect(out).toEqual(['abcd', 'e']);
  });
});
