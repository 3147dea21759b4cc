import { describe, expect, it } from 'vitest';
import { csvRecords, type CsvRecord } from './csv-parser.js';

async function parse(chunks: string[]): Promise<CsvRecord[]> {
  const out: CsvRecord[] = [];
  async function* src() {
    yield* chunks;
  }
  for await (const block of csvRecords(src())) out.push(...block);
  return out;
}

/** Every split of the text into two chunks must give the same records (chunk-boundary safety). */
async function parseAllSplits(text: string): Promise<CsvRecord[]> {
  const whole = await parse([text]);
  for (let i = 1; i < text.length; i++) expect(await parse([text.slice(0, i), text.slice(i)])).toEqual(whole);
  return whole;
}

describe('csvRecords (RFC 4180)', () => {
  it('handles quoted commas, doubled quotes, line breaks inside quotes and JSON cells', async () => {
    const text = 'a,b,c\n1,"x, y","say ""hi"""\n2,"line1\nline2","{""k"":""v""}"\n3,,';
    const recs = await parseAllSplits(text);
    expect(recs.map((r) => r.fields)).toEqual([
      ['a', 'b', 'c'], ['1', 'x, y', 'say "hi"'], ['2', 'line1\nline2', '{"k":"v"}'], ['3', '', ''],
    ]);
    expect(recs.map((r) => r.line)).toEqual([1, 2, 3, 5]);
  });
  it('accepts CRLF and a last row without a line break', async () => {
    const recs = await parseAllSplits('h1,h2\r\n"a\r\nb",c\r\nd,e');
    expect(recs.map((r) => r.fields)).toEqual([['h1', 'h2'], ['a\r\nb', 'c'], ['d', 'e']]);
  });
  it('keeps spaces unquoted and empty fields as empty strings', async () => {
    const recs = await parse(['x,y\n  a b ,\n']);
    expect(recs[1]!.fields).toEqual(['  a b ', '']);
  });
  it('flags an unterminated quote and junk after a closing quote', async () => {
    const bad = await parse(['a,b\n1,"open\n2,3\n']);
    expect(bad[1]!.error).toMatch(/unterminated/);
    const junk = await parse(['a,b\n1,"x"y\n2,3\n']);
    expect(junk[1]!.error).toMatch(/after a closing quote/);
    expect(junk[2]!.fields).toEqual(['2', '3']);
  });
  it('counts the line breaks of a quoted field before a doubled quote (the next record starts on the right line)', async () => {
    const recs = await parseAllSplits('h\n"a\nb""c\nd"\nnext\n');
    expect(recs.map((r) => r.fields)).toEqual([['h'], ['a\nb"c\nd'], ['next']]);
    expect(recs.map((r) => r.line)).toEqual([1, 2, 5]);
  });
  it('reads a lone CR as text wherever the chunks are cut (only LF, CRLF or a final CR end a record)', async () => {
    const recs = await parseAllSplits('h1,h2\na\rb,c\n"q"\rx,y\nlast,z\r');
    expect(recs.map((r) => r.fields)).toEqual([['h1', 'h2'], ['a\rb', 'c'], ['q\rx', 'y'], ['last', 'z']]);
    expect(recs[2]!.error).toMatch(/after a closing quote/);
    expect(recs.map((r) => r.line)).toEqual([1, 2, 3, 4]);
  });
});
