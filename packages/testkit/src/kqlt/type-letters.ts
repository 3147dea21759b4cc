import type { KqlType } from '@kqlr/common';

/**
 * One letter per result column in a `query` record: B bool, I int, L long, R real, S string,
 * D datetime, T timespan, Y dynamic, G guid, `?` any other (decimal). Letters are upper case only.
 */
export type TypeLetter = 'B' | 'I' | 'L' | 'R' | 'S' | 'D' | 'T' | 'Y' | 'G' | '?';

const LETTER_OF_TYPE: Readonly<Record<KqlType, TypeLetter>> = {
  bool: 'B',
  int: 'I',
  long: 'L',
  real: 'R',
  decimal: '?',
  string: 'S',
  datetime: 'D',
  timespan: 'T',
  guid: 'G',
  dynamic: 'Y',
};

export function letterOfType(type: KqlType): TypeLetter {
  return LETTER_OF_TYPE[type];
}

export function isTypeLetter(c: string): c is TypeLetter {
  return c.length === 1 && 'BILRSDTYG?'.includes(c);
}

/** Parses `SDB`; returns null when any character is not a type letter (or the text is empty). */
export function parseTypeLetters(text: string): TypeLetter[] | null {
  if (text.length === 0) return null;
  const letters: TypeLetter[] = [];
  for (const c of text) {
    if (!isTypeLetter(c)) return null;
    letters.push(c);
  }
  return letters;
}
