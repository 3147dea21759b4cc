import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = new URL('../../', import.meta.url).pathname;

/**
 * Seed queries for mutation: every `query` block of the conformance suite and every case of the
 * differential corpus (`//# name` separated). Queries that use non-deterministic functions are
 * left out, since their outputs legitimately differ between runs.
 */
export function seedQueries(): string[] {
  const out: string[] = [];
  const conf = join(ROOT, 'test/conformance');
  for (const f of readdirSync(conf).filter((n) => n.endsWith('.kqlt')).sort()) {
    const lines = readFileSync(join(conf, f), 'utf8').split('\n');
    for (let i = 0; i < lines.length; i++) {
      if (!/^query\b/.test(lines[i]!)) continue;
      const body: string[] = [];
      for (i++; i < lines.length && lines[i] !== '----' && !/^(query|error)\b/.test(lines[i]!); i++) body.push(lines[i]!);
      if (body.length > 0) out.push(body.join('\n'));
    }
  }
  const corpus = join(ROOT, 'test/differential/corpus');
  for (const f of readdirSync(corpus).filter((n) => n.endsWith('.kql')).sort()) {
    for (const part of readFileSync(join(corpus, f), 'utf8').split(/^\/\/# .*$/m).slice(1)) {
      const q = part.trim();
      if (q.length > 0) out.push(q);
    }
  }
  return out.filter((q) => !/\b(rand|new_guid|now)\s*\(/.test(q));
}
