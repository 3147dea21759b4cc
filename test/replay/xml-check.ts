/**
 * A small, strict XML well-formedness checker for the report tests (no XML library is a root
 * dependency): prolog, elements, quoted attributes (no duplicates), the five predefined entities and
 * character references, comments. Throws on anything malformed; returns the element tree.
 */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const NAME = /^[A-Za-z_:][-A-Za-z0-9_:.]*/;

export function parseXml(xml: string): XmlElement {
  let i = 0;
  const fail = (why: string): never => {
    throw new Error(`XML not well-formed at offset ${i}: ${why}`);
  };
  const decode = (raw: string): string => {
    if (/<|&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(raw)) fail(`bad character data ${JSON.stringify(raw.slice(0, 40))}`);
    return raw.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_m, e: string) =>
      e === 'amp' ? '&' : e === 'lt' ? '<' : e === 'gt' ? '>' : e === 'quot' ? '"' : e === 'apos' ? "'"
        : String.fromCodePoint(e.startsWith('#x') ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)));
  };
  const skipSpace = () => {
    while (i < xml.length && /\s/.test(xml[i]!)) i++;
  };
  const skipMisc = () => {
    for (;;) {
      skipSpace();
      if (xml.startsWith('<!--', i)) {
        const end = xml.indexOf('-->', i);
        if (end < 0) fail('unterminated comment');
        i = end + 3;
      } else return;
    }
  };
  if (xml.startsWith('<?xml', i)) {
    const end = xml.indexOf('?>', i);
    if (end < 0) fail('unterminated XML declaration');
    i = end + 2;
  }
  skipMisc();
  const element = (): XmlElement => {
    if (xml[i] !== '<') fail('expected <');
    i++;
    const name = NAME.exec(xml.slice(i))?.[0] ?? fail('expected an element name');
    i += name.length;
    const el: XmlElement = { name, attrs: {}, children: [], text: '' };
    for (;;) {
      const before = i;
      skipSpace();
      if (xml.startsWith('/>', i)) {
        i += 2;
        return el;
      }
      if (xml[i] === '>') {
        i++;
        break;
      }
      if (i === before) fail('expected whitespace before an attribute');
      const attr = NAME.exec(xml.slice(i))?.[0] ?? fail('expected an attribute name');
      i += attr.length;
      skipSpace();
      if (xml[i] !== '=') fail('expected =');
      i++;
      skipSpace();
      const quote = xml[i];
      if (quote !== '"' && quote !== "'") fail('expected a quoted attribute value');
      const end = xml.indexOf(quote!, i + 1);
      if (end < 0) fail('unterminated attribute value');
      if (attr in el.attrs) fail(`duplicate attribute ${attr}`);
      el.attrs[attr] = decode(xml.slice(i + 1, end));
      i = end + 1;
    }
    for (;;) {
      if (i >= xml.length) fail(`unclosed element <${name}>`);
      if (xml.startsWith('</', i)) {
        i += 2;
        if (!xml.startsWith(name, i)) fail(`mismatched end tag for <${name}>`);
        i += name.length;
        skipSpace();
        if (xml[i] !== '>') fail('expected >');
        i++;
        return el;
      }
      if (xml.startsWith('<!--', i)) {
        skipMisc();
        continue;
      }
      if (xml[i] === '<') {
        el.children.push(element());
        continue;
      }
      const next = xml.indexOf('<', i);
      const raw = xml.slice(i, next < 0 ? xml.length : next);
      el.text += decode(raw);
      i += raw.length;
    }
  };
  const root = element();
  skipMisc();
  if (i !== xml.length) fail('content after the root element');
  return root;
}
