/**
 * A one-line progress display on stderr for long inputs: bytes read of total, read rate and ETA.
 * Only on a terminal (never in pipes or CI logs) and never with --quiet; redrawn at most 10 times
 * a second, and only once the run has taken longer than a moment (short runs stay clean).
 *
 * The rate is of bytes, not events: the rows the engine is handed are a small share of the
 * events read when the readers skip records by their raw text, and the events a reader has
 * checked are only counted at the end of each file. A run that reads its inputs twice (`--now
 * latest` first finds the latest Timestamp) shows each pass on its own (`pass`).
 */
export class ProgressLine {
  private readonly started = Date.now();
  private lastDraw = 0;
  private drawn = false;
  private label = 'reading';
  private passStarted = this.started;
  /** Bytes read before the current pass began, and the latest count seen. */
  private passBase = 0;
  private lastBytes = 0;

  constructor(
    private readonly enabled: boolean,
    private readonly write: (text: string) => void = (t) => process.stderr.write(t),
    private readonly columns: () => number = () => process.stderr.columns ?? 80,
  ) {}

  /** Starts a new pass over the inputs, shown as `label`: its bytes count from zero again. */
  pass(label: string): void {
    this.label = label;
    this.passBase = this.lastBytes;
    this.passStarted = Date.now();
  }

  update(bytesRead: number, totalBytes: number): void {
    // Counts only grow within one set of inputs: a smaller one is the next dataset's, from zero.
    if (bytesRead < this.lastBytes) this.passBase = 0;
    this.lastBytes = bytesRead;
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.started < 500 || now - this.lastDraw < 100) return;
    this.lastDraw = now;
    const seconds = (now - this.passStarted) / 1000;
    // Bytes read again within a pass (a file feeding two tables) cannot take it past 100%.
    const done = Math.min(Math.max(bytesRead - this.passBase, 0), totalBytes);
    const fraction = totalBytes > 0 ? done / totalBytes : 0;
    const rate = seconds > 0 ? done / seconds : 0;
    const eta = fraction > 0 ? seconds * (1 - fraction) / fraction : NaN;
    const text =
      `${this.label} ${formatBytes(done)} / ${formatBytes(totalBytes)} (${Math.floor(fraction * 100)}%)` +
      ` · ${formatBytes(Math.round(rate))}/s` + (Number.isFinite(eta) ? ` · ETA ${formatDuration(eta)}` : '');
    const width = Math.max(this.columns() - 1, 20);
    this.write(`\r${text.slice(0, width).padEnd(width)}`);
    this.drawn = true;
  }

  /** Clears the line before the summary is printed. */
  finish(): void {
    if (this.drawn) this.write(`\r${' '.repeat(Math.max(this.columns() - 1, 20))}\r`);
    this.drawn = false;
  }
}

/**
 * Progress of a labelled dataset's reading (kqlr test, kqlr diff) on stderr, on a terminal only
 * (their reports go to stdout or --out): a large dataset takes a while. Each dataset, and each
 * rule of a diff, starts a pass of its own.
 */
export function datasetProgress(): ProgressLine {
  return new ProgressLine(process.stderr.isTTY === true);
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MiB`;
  return `${(n / 1024 ** 3).toFixed(2)} GiB`;
}

export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return '0';
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)} M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)} k`;
  return `${Math.round(n)}`;
}

export function formatDuration(seconds: number): string {
  if (seconds < 1) return `${Math.round(seconds * 1000)} ms`;
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 2 : 1)} s`;
  const m = Math.floor(seconds / 60);
  return `${m} min ${Math.round(seconds - m * 60)} s`;
}
