/**
 * UTF-8 decoding of a byte stream into string chunks. A leading byte-order mark is dropped.
 * Invalid sequences become U+FFFD (the record holding them is then judged by its parser).
 */
export async function* textChunks(bytes: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });
  for await (const b of bytes) {
    const s = decoder.decode(b, { stream: true });
    if (s.length > 0) yield s;
  }
  const tail = decoder.decode();
  if (tail.length > 0) yield tail;
}

/** Text of the first bytes (for detection): BOM stripped, a cut multi-byte character tolerated. */
export function headText(head: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: false, ignoreBOM: false }).decode(head);
}
