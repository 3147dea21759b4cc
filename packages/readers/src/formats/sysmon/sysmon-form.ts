/**
 * Whether a Sysmon file (neither Elastic JSON nor a Syslog CSV export) holds syslog lines or XML
 * documents, decided as sysmonEvents does: XML when the first decoded text, blanks trimmed, starts
 * with `<`. Returns the bytes again, whole, for the pass that follows.
 */
export async function peekSyslogForm(
  bytes: AsyncIterable<Uint8Array>,
): Promise<{ syslog: boolean; bytes: AsyncIterable<Uint8Array>; close(): Promise<void> }> {
  const it = bytes[Symbol.asyncIterator]();
  const seen: Uint8Array[] = [];
  const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });
  let syslog = true;
  for (;;) {
    const r = await it.next();
    if (r.done) break;
    // Copies: a chunk may be valid only until the next is asked for (io/reused-chunks.ts).
    seen.push(Uint8Array.prototype.slice.call(r.value));
    const text = decoder.decode(r.value, { stream: true });
    if (text.length > 0) {
      syslog = !text.trimStart().startsWith('<');
      break;
    }
  }
  async function* replay(): AsyncGenerator<Uint8Array> {
    try {
      yield* seen;
      for (;;) {
        const r = await it.next();
        if (r.done) return;
        yield r.value;
      }
    } finally {
      // An abandoned pass still closes the file.
      await it.return?.();
    }
  }
  // close(): for a caller that does not read `bytes` after all (closes the file).
  return { syslog, bytes: replay(), close: async () => void (await it.return?.()) };
}
