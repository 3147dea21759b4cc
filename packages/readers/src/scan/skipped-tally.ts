/**
 * What the records a prefilter skipped would have left behind had they been read: their count
 * (the table's events) and their Timestamp range. The reader folds it into the scan's figures.
 */
export class SkippedTally {
  records = 0;
  minTicks: bigint | null = null;
  maxTicks: bigint | null = null;

  /** One record that would have become a row, with its Timestamp ticks (null when it has none). */
  row(ticks: bigint | null): void {
    this.records++;
    if (ticks === null) return;
    if (this.minTicks === null || ticks < this.minTicks) this.minTicks = ticks;
    if (this.maxTicks === null || ticks > this.maxTicks) this.maxTicks = ticks;
  }
}
