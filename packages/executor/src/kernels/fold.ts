/**
 * Case folding for the case-insensitive string operators (kql-semantics.md §5.3). Each UTF-16 code
 * unit is lower-cased on its own and only when the result is a single code unit, so the folded
 * string always has the input's length: `has` reasons about positions and must see the same
 * boundaries in the folded text. ASCII is the documented minimum; non-ASCII one-to-one lowering
 * (É -> é) is the recommended extension. Context-dependent rules (final sigma) never apply.
 */
const foldTable = new Map<number, number>();

function foldUnit(code: number): number {
  let f = foldTable.get(code);
  if (f === undefined) {
    const lowered = String.fromCharCode(code).toLowerCase();
    f = lowered.length === 1 ? lowered.charCodeAt(0) : code;
    foldTable.set(code, f);
  }
  return f;
}

/** Any non-ASCII code unit. A regex scan is native code even while its caller is not optimised yet. */
const NON_ASCII = /[^\u0000-\u007f]/;

export function foldCase(s: string): string {
  // For pure ASCII, toLowerCase only maps A-Z, which is exactly the one-to-one fold.
  if (!NON_ASCII.test(s)) return s.toLowerCase();
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out += String.fromCharCode(c >= 65 && c <= 90 ? c + 32 : c < 128 ? c : foldUnit(c));
  }
  return out;
}
