import { daysFromCivil, ticksFromParts } from '@kqlr/common/core';
import { digitsAt } from './cell-check.js';

/**
 * Reads the datetime form exports write, `YYYY-MM-DDThh:mm:ss.fffffffZ` (28 ASCII bytes, seven
 * fraction digits), from raw bytes into whole seconds since 1970 and a fraction in ticks: two
 * numbers, no BigInt and no string per value. Used for the Timestamps of skipped records, which
 * only feed the time range (SkippedTally.rowAt).
 *
 * It only ever says yes for a value parseDatetimeText reads to the same instant: the same range
 * checks as ticksFromParts (year 1-9999, month, day of that month, hour 0-23, minute and second
 * 0-59; a fraction of seven digits is 0..9999999). Any other text, valid or not, gets false and the
 * caller decides the general way.
 */
export class ExportTimestamp {
  seconds = 0;
  fraction = 0;
  /** The last date read (yyyymmdd) and its day number: lines of an export share few dates. */
  private lastDate = -1;
  private lastDays = 0;

  /** Whether `b[at, at + 28)` is the form and a valid instant; then `seconds` and `fraction` hold it. */
  read(b: Uint8Array, at: number): boolean {
    if (b[at + 4] !== 45 || b[at + 7] !== 45 || b[at + 10] !== 84 || b[at + 13] !== 58 || b[at + 16] !== 58
      || b[at + 19] !== 46 || b[at + 27] !== 90) return false;
    const y = digitsAt(b, at, 4);
    const mo = digitsAt(b, at + 5, 2);
    const d = digitsAt(b, at + 8, 2);
    const h = digitsAt(b, at + 11, 2);
    const mi = digitsAt(b, at + 14, 2);
    const s = digitsAt(b, at + 17, 2);
    const f = digitsAt(b, at + 20, 7);
    if ((y | mo | d | h | mi | s | f) < 0 || h > 23 || mi > 59 || s > 59) return false;
    const date = y * 10000 + mo * 100 + d;
    if (date !== this.lastDate) {
      // ticksFromParts holds the calendar rules (month range, days in month, leap years).
      if (ticksFromParts(y, mo, d) === null) return false;
      this.lastDate = date;
      this.lastDays = daysFromCivil(y, mo, d);
    }
    this.seconds = this.lastDays * 86400 + h * 3600 + mi * 60 + s;
    this.fraction = f;
    return true;
  }
}
