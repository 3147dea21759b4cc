import { gzipSync } from 'node:zlib';
import { fc } from '@fast-check/vitest';

export type ByteMutation =
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'duplicate-line'; line: number }
  | { kind: 'swap-lines'; a: number; b: number }
  | { kind: 'delete-line'; line: number }
  | { kind: 'insert-bytes'; at: number; bytes: Uint8Array }
  | { kind: 'huge-field'; at: number; size: number; char: string }
  | { kind: 'reencode'; encoding: 'utf16le' | 'latin1' }
  | { kind: 'gzip' };

const at = fc.nat({ max: 1_000_000 });

export const byteMutationArb: fc.Arbitrary<ByteMutation> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('flip' as const), at, bit: fc.nat({ max: 7 }) }) },
  fc.record({ kind: fc.constant('truncate' as const), at }),
  fc.record({ kind: fc.constant('duplicate-line' as const), line: fc.nat({ max: 100 }) }),
  fc.record({ kind: fc.constant('swap-lines' as const), a: fc.nat({ max: 100 }), b: fc.nat({ max: 100 }) }),
  fc.record({ kind: fc.constant('delete-line' as const), line: fc.nat({ max: 100 }) }),
  fc.record({ kind: fc.constant('insert-bytes' as const), at, bytes: fc.uint8Array({ maxLength: 12 }) }),
  fc.record({
    kind: fc.constant('huge-field' as const),
    at,
    size: fc.constantFrom(70_000, 1_100_000),
    char: fc.constantFrom('A', '"', ',', '\\', '<', '{', 'é'),
  }),
  fc.record({ kind: fc.constant('reencode' as const), encoding: fc.constantFrom('utf16le' as const, 'latin1' as const) }),
  fc.record({ kind: fc.constant('gzip' as const) }),
);

function splitLines(b: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  let s = 0;
  for (let i = 0; i < b.length; i++) {
    if (b[i] === 10) {
      out.push(b.subarray(s, i + 1));
      s = i + 1;
    }
  }
  if (s < b.length) out.push(b.subarray(s));
  return out;
}

const concat = (parts: Uint8Array[]): Uint8Array => Buffer.concat(parts);

export function mutateBytes(input: Uint8Array, mutations: readonly ByteMutation[]): Uint8Array {
  let b = Uint8Array.from(input);
  for (const m of mutations) {
    const pos = (i: number): number => (b.length === 0 ? 0 : i % (b.length + 1));
    switch (m.kind) {
      case 'flip':
        if (b.length > 0) b[m.at % b.length]! ^= 1 << m.bit;
        break;
      case 'truncate':
        b = b.slice(0, pos(m.at));
        break;
      case 'duplicate-line':
      case 'delete-line': {
        const lines = splitLines(b);
        if (lines.length === 0) break;
        const i = m.line % lines.length;
        if (m.kind === 'duplicate-line') lines.splice(i, 0, lines[i]!);
        else lines.splice(i, 1);
        b = concat(lines);
        break;
      }
      case 'swap-lines': {
        const lines = splitLines(b);
        if (lines.length < 2) break;
        const i = m.a % lines.length;
        const j = m.b % lines.length;
        [lines[i], lines[j]] = [lines[j]!, lines[i]!];
        b = concat(lines);
        break;
      }
      case 'insert-bytes': {
        const p = pos(m.at);
        b = concat([b.subarray(0, p), m.bytes, b.subarray(p)]);
        break;
      }
      case 'huge-field': {
        const p = pos(m.at);
        b = concat([b.subarray(0, p), Buffer.from(m.char.repeat(m.size)), b.subarray(p)]);
        break;
      }
      case 'reencode':
        b = Buffer.from(Buffer.from(b).toString('utf8'), m.encoding);
        break;
      case 'gzip':
        b = gzipSync(b);
        break;
    }
  }
  return b;
}
