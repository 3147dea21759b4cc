import { TICKS_PER_SECOND } from '@kqlr/common/core';

/**
 * What the records a prefilter skipped would have left behind had they been read: their count
 * (the table's events) and their Timestamp range. The reader folds it into the scan's figures
 * (after settle()).
 */
export class SkippedTally {
  records = 0;
  minTicks: bigint | null = null;
  maxTicks: bigint | null = null;
  /**
   * The range of rows given by rowAt, as whole seconds and a fraction in ticks (two numbers: a
   * tick count since 1970 does not fit a double exactly, and a BigInt per skipped row is what
   * rowAt avoids). minSeconds is NaN while there is none.
   */
  private minSeconds = NaN;
  private minFraction = 0;
  private maxSeconds = NaN;
  private maxFraction = 0;

  /** One record that would have become a row, with its Timestamp ticks (null when it has none). */
  row(ticks: bigint | null): void {
    this.records++;
    if (ticks === null) return;
    if (this.minTicks === null || ticks < this.minTicks) this.minTicks = ticks;
    if (this.maxTicks === null || ticks > this.maxTicks) this.maxTicks = ticks;
  }

  /** As row(), for a Timestamp of `seconds` since 1970 plus `fraction` ticks (0..9999999). */
  rowAt(seconds: number, fraction: number): void {
    this.records++;
    if (!(seconds >= this.minSeconds) || (seconds === this.minSeconds && fraction < this.minFraction)) {
      this.minSeconds = seconds;
      this.minFraction = fraction;
    }
    if (!(seconds <= this.maxSeconds) || (seconds === this.maxSeconds && fraction > this.maxFraction)) {
      this.maxSeconds = seconds;
      this.maxFraction = fraction;
    }
  }

  /** Folds the rowAt range into minTicks/maxTicks; returns this. */
  settle(): this {
    if (!Number.isNaN(this.minSeconds)) {
      const min = BigInt(this.minSeconds) * TICKS_PER_SECOND + BigInt(this.minFraction);
      const max = BigInt(this.maxSeconds) * TICKS_PER_SECOND + BigInt(this.maxFraction);
      if (this.minTicks === null || min < this.minTicks) this.minTicks = min;
      if (this.maxTicks === null || max > this.maxTicks) this.maxTicks = max;
      this.minSeconds = NaN;
      this.maxSeconds = NaN;
    }
    return this;
  }
}
