/**
 * One copy of each repeated text of the process table (user names, hashes, parent file names,
 * host names, command lines of services started again and again), each detached from the input.
 *
 * Why detach: V8 keeps a substring of 13 or more characters as a view on its parent string, so a
 * value sliced out of a line (or a line out of a 1 MiB text chunk) keeps the whole chunk alive.
 * Holding a few such values per chunk is how the correlation pass used to keep the entire input
 * in memory (2.7 GiB peak for a 612 MiB log).
 */
export class StringPool {
  private readonly strings = new Map<string, string>();
  /** Set while the texts given are known to be fresh copies (decoded from bytes just now). */
  fresh = false;

  intern(s: string): string {
    const known = this.strings.get(s);
    if (known !== undefined) return known;
    const own = this.detach(s);
    this.strings.set(own, own);
    return own;
  }

  /** A flat copy of `s` that references no other string (exact for any UTF-16 content). */
  detach(s: string): string {
    // Shorter strings are always copied by V8, never views (SlicedString/ConsString minimum length).
    if (s.length < 13 || this.fresh) return s;
    return JSON.parse(JSON.stringify(s)) as string;
  }

  get size(): number {
    return this.strings.size;
  }
}
