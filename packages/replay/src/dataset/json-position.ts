/** The 1-based line of a JSON.parse error, from the "position N" V8 puts in its message. */
export function jsonErrorLine(text: string, err: unknown): number | undefined {
  const m = err instanceof Error ? /position (\d+)/.exec(err.message) : null;
  if (m === null) return undefined;
  const offset = Number(m[1]);
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

export function jsonErrorReason(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
