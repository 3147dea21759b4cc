/** The first record of CSV text (the header), or null when the text has no complete first line. */
export function csvHeaderOf(text: string): string[] | null {
  const fields: string[] = [];
  let p = 0;
  const n = text.length;
  while (p < n) {
    if (text[p] === '"') {
      let v = '';
      let q = p + 1;
      for (;;) {
        const j = text.indexOf('"', q);
        if (j < 0) return null;
        if (text[j + 1] === '"') {
          v += text.slice(q, j + 1);
          q = j + 2;
          continue;
        }
        v += text.slice(q, j);
        p = j + 1;
        break;
      }
      fields.push(v);
    } else {
      let k = p;
      while (k < n && text[k] !== ',' && text[k] !== '\n' && text[k] !== '\r') k++;
      fields.push(text.slice(p, k));
      p = k;
    }
    if (p >= n || text[p] === '\n' || text[p] === '\r') return fields;
    if (text[p] !== ',') return null;
    p++;
  }
  return fields;
}
