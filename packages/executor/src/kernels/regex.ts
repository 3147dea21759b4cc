import { RE2JS } from 're2js';
import { ExecutionError } from '../errors.js';

/**
 * `matches regex` and `extract` use RE2 semantics via re2js, never JS RegExp
 * (kql-semantics.md §5.3): inline flags `(?i)`/`(?-i)`, `\A`, `\z`, POSIX classes, `(?P<n>..)`,
 * `\pL`; no backreferences or lookaround (rejected with an error). Case-sensitive unless the
 * pattern says `(?i)`. Unanchored. A bad pattern is an ExecutionError naming the pattern.
 */
export function compileRegex(pattern: string): RE2JS {
  try {
    return RE2JS.compile(pattern);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new ExecutionError(`invalid regular expression ${JSON.stringify(pattern)}: ${reason}`);
  }
}

/** Compiled patterns by text, for patterns that are not constant (bounded to avoid growth). */
export class RegexCache {
  private readonly cache = new Map<string, RE2JS>();

  get(pattern: string): RE2JS {
    let re = this.cache.get(pattern);
    if (re === undefined) {
      re = compileRegex(pattern);
      if (this.cache.size > 1000) this.cache.clear();
      this.cache.set(pattern, re);
    }
    return re;
  }
}

export function regexFinds(re: RE2JS, text: string): boolean {
  return re.matcher(text).find();
}

/** Text of capture group `group` of the first match, or null (no match, or the group did not take part). */
export function regexExtract(re: RE2JS, group: number, text: string): string | null {
  if (group < 0 || group > re.groupCount()) return null;
  const m = re.matcher(text);
  if (!m.find()) return null;
  return m.group(group);
}
