import { ENTRY_FALSE, ENTRY_TRUE, ENTRY_UNDECIDED, type Utf8Test } from './utf8-bytes.js';
import { BOOL_NULL, FALSE, TRUE, type BoolColumn, type StringColumn, type StringDictionary } from '../columns/column.js';

/**
 * Runs a string test over a string column under a selection.
 *
 * Dictionary columns: the test runs once per distinct dictionary entry, lazily (on the first row
 * that uses a code) and memoised across batches that share the dictionary (readers may reuse and
 * grow one dictionary; entries never change, so a grown dictionary keeps its memo). Testing every
 * entry up front is much slower when earlier filters already dropped most rows
 * (performance-notes.md §2.3). Plain columns: one test per selected row.
 */
// The byte kernels' decideEntries writes the same states.
const UNKNOWN = ENTRY_UNDECIDED;
const FALSE_STATE = ENTRY_FALSE;
const TRUE_STATE = ENTRY_TRUE;
/** Queued for testing in the current call (never left in a memo between calls). */
const PENDING = 3;

/** The decisions for one dictionary; `complete` once every entry is decided. */
interface DictionaryMemo {
  states: Uint8Array;
  complete: boolean;
}

/**
 * A dictionary this much smaller than the rows its batch will test is decided entry by entry up
 * front, after which rows need one memo read each and no "unknown?" pass. The rows a batch will
 * test are estimated from the selection's density (`batchRowsToTest`), not from the one vector at
 * hand: a per-batch dictionary (FileName: ~0.4 entries per row) looks large next to a 2048-row
 * vector, yet the batch's rows reach nearly all its entries, so the lazy path paid its
 * "collect undecided codes" pass on every row and then tested almost every entry anyway.
 * With a byte kernel an entry costs about as much as a row of the collect pass, so a dictionary no
 * larger than the rows is decided whole (rows as many as entries reach ~63% of them at random;
 * the ~37% decided for nothing cost less than the collect pass saved); a decoded string test
 * costs far more per entry, so laziness keeps the edge until the rows outnumber the entries 8 to 1.
 */
const EAGER_RATIO_BYTES = 1;
const EAGER_RATIO_STRINGS = 8;

export class StringTestMemo {
  private readonly byDictionary = new WeakMap<object, DictionaryMemo>();
  private emptyResult = 0;

  constructor(
    private readonly test: (s: string) => boolean,
    /** Decides on a plain UTF-8 row's bytes when it can (kernels/utf8-bytes.ts), before decoding. */
    private readonly utf8Test?: Utf8Test,
  ) {}

  /** The last dictionary's memo: a batch's vectors ask for the same one 32 times in a row. */
  private lastIdentity: object | null = null;
  private lastMemo: DictionaryMemo | null = null;

  /** UNKNOWN, FALSE_STATE or TRUE_STATE per code; code -1 ("" from a null slot) memoised apart. */
  private memoFor(identity: object, size: number): DictionaryMemo {
    if (identity === this.lastIdentity && this.lastMemo !== null && this.lastMemo.states.length >= size) return this.lastMemo;
    let memo = this.byDictionary.get(identity);
    if (memo === undefined || memo.states.length < size) {
      const grown = new Uint8Array(size);
      if (memo !== undefined) grown.set(memo.states);
      memo = { states: grown, complete: false };
      this.byDictionary.set(identity, memo);
    }
    this.lastIdentity = identity;
    this.lastMemo = memo;
    return memo;
  }

  private testEmpty(): boolean {
    if (this.emptyResult === 0) this.emptyResult = this.test('') ? 2 : 1;
    return this.emptyResult === 2;
  }

  /** The memo state of "" (an Arrow null slot), tested on first need only. */
  private emptyState(): number {
    return this.testEmpty() ? TRUE_STATE : FALSE_STATE;
  }

  /**
   * Rows of `selection` where the test is `expected`, written into `into` when given (scratch of at
   * least `selection.length`, not sharing memory with `selection`; PhysicalExpr.select).
   */
  select(col: StringColumn, selection: Uint32Array, expected: boolean, into?: Uint32Array): Uint32Array {
    const out = into ?? new Uint32Array(selection.length);
    if (col.dictionary !== null && col.codes !== null) return this.selectCodes(col.dictionary, col.codes, selection, expected, out);
    if (col.utf8 !== undefined && this.utf8Test !== undefined) return this.selectUtf8(col, col.utf8, this.utf8Test, selection, expected, out);
    let n = 0;
    const test = this.test;
    for (let k = 0; k < selection.length; k++) {
      const row = selection[k]!;
      if (test(col.get(row)) === expected) out[n++] = row;
    }
    return out.subarray(0, n);
  }

  /**
   * Dictionary codes: one memo byte per code. A dictionary small next to the rows its batch will
   * test (ActionType's four values; FileName's per-batch dictionary when it runs first) is decided
   * whole on first use; otherwise three passes, so that no loop has both a call and
   * an unpredictable branch: (1) collect the codes of selected rows not decided yet (each once),
   * (2) decide them in a tight loop (on their UTF-8 bytes when the byte kernel can, no string
   * decoded), (3) keep the rows whose code's memo is `expected`, branch-free. Per-batch
   * dictionaries of high-cardinality columns (FileName: ~0.4 distinct values per row) miss the memo
   * on a large share of rows at random, which a per-row "test on miss" branch paid for dearly.
   */
  private selectCodes(dict: StringDictionary, codes: Int32Array, selection: Uint32Array, expected: boolean, out: Uint32Array): Uint32Array {
    const entry = this.memoFor(dict.identity, dict.size);
    const memo = entry.states;
    if (!entry.complete && selection.length > 0) {
      const ratio = dict.utf8 !== undefined && this.utf8Test !== undefined ? EAGER_RATIO_BYTES : EAGER_RATIO_STRINGS;
      if (dict.size * ratio <= batchRowsToTest(selection, codes.length)) {
        this.decideAll(dict, memo);
        entry.complete = true;
      } else this.decideSelected(dict, codes, selection, memo);
    }
    const want = expected ? TRUE_STATE : FALSE_STATE;
    let n = 0;
    const count = selection.length;
    if (count > 0 && selection[count - 1]! - selection[0]! === count - 1) {
      // Consecutive rows (a conjunct running first on a batch): rows are counted, not read from
      // the selection, and codes are read in order.
      const first = selection[0]!;
      for (let row = first; row < first + count; row++) {
        const code = codes[row]!;
        out[n] = row;
        n += (code < 0 ? this.emptyState() : memo[code]!) === want ? 1 : 0;
      }
      return out.subarray(0, n);
    }
    for (let k = 0; k < count; k++) {
      const row = selection[k]!;
      const code = codes[row]!;
      out[n] = row;
      n += (code < 0 ? this.emptyState() : memo[code]!) === want ? 1 : 0;
    }
    return out.subarray(0, n);
  }

  /**
   * Every undecided entry, in dictionary order: the byte kernel walks the entries' UTF-8 back to
   * back (sequential reads), and only entries it leaves open are decoded and tested as strings.
   */
  private decideAll(dict: StringDictionary, memo: Uint8Array): void {
    const utf8 = dict.utf8;
    const byteTest = this.utf8Test;
    if (utf8 !== undefined && byteTest !== undefined) {
      byteTest.decideEntries(utf8.bytes, utf8.offsets, memo, dict.size, (code) => this.test(dict.value(code)));
      return;
    }
    for (let code = 0; code < dict.size; code++) {
      if (memo[code] === UNKNOWN) memo[code] = this.test(dict.value(code)) ? TRUE_STATE : FALSE_STATE;
    }
  }

  /** Passes (1) and (2): decides each not yet decided code of the selected rows, once. */
  private decideSelected(dict: StringDictionary, codes: Int32Array, selection: Uint32Array, memo: Uint8Array): void {
    const todo = this.scratch(selection.length);
    let pending = 0;
    for (let k = 0; k < selection.length; k++) {
      const code = codes[selection[k]!]!;
      if (code >= 0 && memo[code] === UNKNOWN) {
        memo[code] = PENDING;
        todo[pending++] = code;
      }
    }
    let decided = 0;
    try {
      for (; decided < pending; decided++) {
        const code = todo[decided]!;
        memo[code] = this.testEntry(dict, code) ? TRUE_STATE : FALSE_STATE;
      }
    } finally {
      // A test that threw leaves no PENDING mark behind for later batches.
      for (let j = decided; j < pending; j++) memo[todo[j]!] = UNKNOWN;
    }
  }

  private scratchCodes = new Int32Array(0);

  private scratch(length: number): Int32Array {
    if (this.scratchCodes.length < length) this.scratchCodes = new Int32Array(length);
    return this.scratchCodes;
  }

  private testEntry(dict: StringDictionary, code: number): boolean {
    const utf8 = dict.utf8;
    if (utf8 !== undefined && this.utf8Test !== undefined) {
      const hit = this.utf8Test(utf8.bytes, utf8.offsets[code]!, utf8.offsets[code + 1]!);
      if (hit !== undefined) return hit;
    }
    return this.test(dict.value(code));
  }

  /** Plain UTF-8: the byte kernel decides most rows without decoding them. */
  private selectUtf8(
    col: StringColumn,
    utf8: { bytes: Uint8Array; offsets: Int32Array },
    utf8Test: Utf8Test,
    selection: Uint32Array,
    expected: boolean,
    out: Uint32Array,
  ): Uint32Array {
    const n = utf8Test.selectRows(utf8.bytes, utf8.offsets, selection, expected, out, (row) => this.test(col.get(row)));
    return out.subarray(0, n);
  }

  /** A bool column (never null: strings are never null) with the test result at selected rows. */
  evaluate(col: StringColumn, selection: Uint32Array, expected: boolean): BoolColumn {
    const values = new Uint8Array(col.length).fill(BOOL_NULL);
    for (let k = 0; k < selection.length; k++) values[selection[k]!] = FALSE;
    const hits = this.select(col, selection, expected);
    for (let k = 0; k < hits.length; k++) values[hits[k]!] = TRUE;
    return { rep: 'bool', length: col.length, values };
  }
}

/**
 * How many rows of this batch a dictionary predicate will see, estimated from the selection at
 * hand: its density over the rows it spans (selections are ascending), scaled to the batch's
 * `batchLength` rows. A vector of an unfiltered batch is dense (the whole batch will be tested);
 * behind a selective conjunct it is sparse (few rows, so few entries, will be).
 */
function batchRowsToTest(selection: Uint32Array, batchLength: number): number {
  const span = selection[selection.length - 1]! - selection[0]! + 1;
  return (selection.length / span) * batchLength;
}
