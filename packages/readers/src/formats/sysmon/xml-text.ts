const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * Decodes XML character data: the five predefined entities and numeric character references
 * (`&#47;`, `&#x2F;`). Returns null for an unknown or unterminated entity (not well-formed XML).
 */
export function decodeXmlText(s: string): string | null {
  let amp = s.indexOf('&');
  if (amp < 0) return s;
  let out = '';
  let from = 0;
  while (amp >= 0) {
    const semi = s.indexOf(';', amp + 1);
    if (semi < 0 || semi - amp > 12) return null;
    const name = s.slice(amp + 1, semi);
    let ch: string | undefined;
    if (name.charCodeAt(0) === 35) {
      const hex = name[1] === 'x' || name[1] === 'X';
      const digits = name.slice(hex ? 2 : 1);
      if (!(hex ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/).test(digits)) return null;
      const cp = parseInt(digits, hex ? 16 : 10);
      if (cp > 0x10ffff || cp === 0) return null;
      ch = String.fromCodePoint(cp);
    } else ch = NAMED[name];
    if (ch === undefined) return null;
    out += s.slice(from, amp) + ch;
    from = semi + 1;
    amp = s.indexOf('&', from);
  }
  return out + s.slice(from);
}
