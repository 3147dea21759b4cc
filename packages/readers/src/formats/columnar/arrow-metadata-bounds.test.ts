import { Field, Int32, List, Schema, Struct, Table, tableToIPC, Utf8, vectorFromArray, Message } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { checkFooterBounds, checkMessageBounds } from './arrow-metadata-bounds.js';

/** A table with nested fields (list, struct) and custom metadata at every level. */
function sample(): Table {
  const meta = (k: string): Map<string, string> => new Map([[k, `${k}-value`], ['kql.type', 'string']]);
  const s = new Schema(
    [
      new Field('name', new Utf8(), true, meta('a')),
      new Field('tags', new List(new Field('item', new Utf8(), true, meta('b'))), true, meta('c')),
      new Field('pair', new Struct([new Field('x', new Int32(), true, meta('d')), new Field('y', new Utf8(), true)]), true),
    ],
    new Map([['kql.table', 'DeviceFileEvents']]),
  );
  return new Table(s, {
    name: vectorFromArray(['a', 'b'], new Utf8()),
    tags: vectorFromArray([['x'], []], new List(new Field('item', new Utf8(), true))),
    pair: vectorFromArray([{ x: 1, y: 'p' }, { x: 2, y: 'q' }], new Struct([new Field('x', new Int32(), true), new Field('y', new Utf8(), true)])),
  });
}

/** The metadata flatbuffers of an IPC stream: [0xFFFFFFFF] [int32 length] [metadata] [body]. */
function streamMessages(ipc: Uint8Array): Uint8Array[] {
  const view = new DataView(ipc.buffer, ipc.byteOffset, ipc.byteLength);
  const out: Uint8Array[] = [];
  for (let at = 0; at + 8 <= ipc.length; ) {
    const length = view.getInt32(at + 4, true);
    if (length === 0) break;
    const metadata = ipc.subarray(at + 8, at + 8 + length);
    out.push(metadata);
    at += 8 + length + Number(Message.decode(metadata).bodyLength);
  }
  return out;
}

describe('Arrow IPC metadata bounds', () => {
  it('accepts every message and the footer apache-arrow writes (nested fields, metadata)', () => {
    const messages = streamMessages(tableToIPC(sample(), 'stream'));
    expect(messages.length).toBeGreaterThanOrEqual(2);
    for (const m of messages) expect(() => checkMessageBounds(m)).not.toThrow();
    const file = tableToIPC(sample(), 'file');
    const footerLength = new DataView(file.buffer, file.byteOffset).getInt32(file.length - 10, true);
    expect(() => checkFooterBounds(file.subarray(file.length - 10 - footerLength, file.length - 10))).not.toThrow();
  });

  it('rejects a vector whose length claims more entries than the metadata holds', () => {
    const schemaMessage = Uint8Array.from(streamMessages(tableToIPC(sample(), 'stream'))[0]!);
    // Every field vector length is a small count stored as a u32; raising the first such count
    // found (the schema's field list, 3) past the buffer must be caught, whatever its position.
    const view = new DataView(schemaMessage.buffer);
    let patched = false;
    for (let at = 0; at + 4 <= schemaMessage.length && !patched; at += 4) {
      if (view.getUint32(at, true) === 3) {
        const copy = Uint8Array.from(schemaMessage);
        new DataView(copy.buffer).setUint32(at, 0x40000003, true);
        try {
          checkMessageBounds(copy);
        } catch (err) {
          expect((err as Error).message).toMatch(/claims 1073741827 entries, more than its \d+-byte metadata holds/);
          patched = true;
        }
      }
    }
    expect(patched).toBe(true);
  });

  it('rejects offsets outside the buffer', () => {
    const schemaMessage = Uint8Array.from(streamMessages(tableToIPC(sample(), 'stream'))[0]!);
    new DataView(schemaMessage.buffer).setUint32(0, schemaMessage.length + 100, true);
    expect(() => checkMessageBounds(schemaMessage)).toThrow(/outside its \d+ bytes/);
  });
});
