/**
 * `known-failures.txt`: one `file:line reason` per line (`#` comments and blank lines ignored).
 * Listed records run as expected-to-fail, so an engine fix flips them to an error that asks for
 * the line to be removed.
 */
export function parseKnownFailures(text: string): Map<string, string> {
  const known = new Map<string, string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const m = /^(\S+:\d+)\s*(.*)$/.exec(line);
    if (m) known.set(m[1]!, m[2]!);
  }
  return known;
}
