import type { Utf8, Vector } from 'apache-arrow';
import { Arrow } from './arrow-runtime.js';
import { Utf8Buffer } from './utf8-buffer.js';

/**
 * One dictionary per (file, column), shared by all batches of that file so codes stay stable:
 * the dictionary of a later batch extends the earlier one (same codes, more entries). Only used
 * for low-cardinality columns, so the Map stays small (performance-notes.md §2.4).
 */
export class GrowingDictionary {
  private readonly codes = new Map<string, number>();
  private readonly values = new Utf8Buffer();
  private cached: Vector<Utf8> | undefined;

  /** `owned`: `s` is a string of its own (JSON.parse's), not a slice of a larger text (see ownString). */
  codeOf(s: string, owned = false): number {
    let code = this.codes.get(s);
    if (code === undefined) {
      code = this.values.count;
      this.codes.set(owned ? s : ownString(s), code);
      this.values.append(s);
      this.cached = undefined;
    }
    return code;
  }

  get size(): number {
    return this.values.count;
  }

  /**
   * The dictionary as an Arrow vector. Earlier vectors stay valid: entries are only appended and
   * buffers are copied (never mutated in place below `count`) when they grow.
   */
  vector(): Vector<Utf8> {
    if (this.cached === undefined) {
      const data = Arrow.makeData({
        type: new Arrow.Utf8(),
        length: this.values.count,
        nullCount: 0,
        valueOffsets: this.values.offsetsView,
        data: this.values.bytesView,
      });
      this.cached = Arrow.makeVector(data);
    }
    return this.cached;
  }
}

/**
 * `s` in memory of its own. Why: a field a reader cut out of a decoded chunk (CSV text) is a V8
 * sliced string that keeps its whole chunk alive; kept as a Map key here, the chunks of every
 * distinct value read stayed in memory until the dictionary restarted (a needle-less scan of 1e6
 * portal CSV rows peaked at 977 MiB). Prefixing a character and slicing it off again makes V8 copy
 * the value into a fresh string (the prefix concatenation is flattened before the slice).
 */
function ownString(s: string): string {
  return s.length < SLICE_MIN ? s : (' ' + s).slice(1);
}

/** Strings shorter than this are never slices of another (V8's SlicedString::kMinLength is 13). */
const SLICE_MIN = 13;

