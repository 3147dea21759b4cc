/**
 * For each event of one table in one syslog file: where its line is (line number and byte offset)
 * and which process-table entry its correlated columns come from at the time it was read (-1: no
 * EventID 1 known yet, so any). Recorded by the correlation pass, which reads every line anyway,
 * so a prefiltered scan can find the few lines whose row takes a needle from its process (e.g. a
 * command line) without parsing the others. 16 bytes per event (about 1.5% of a syslog line).
 */
export class EventRefs {
  private lineNos = new Int32Array(1024);
  private offsets = new Float64Array(1024);
  private entries = new Int32Array(1024);
  count = 0;

  push(line: number, offset: number, entry: number): void {
    if (this.count === this.lineNos.length) {
      const grow = <T extends Int32Array | Float64Array>(a: T, make: (n: number) => T): T => {
        const b = make(a.length * 2);
        b.set(a);
        return b;
      };
      this.lineNos = grow(this.lineNos, (n) => new Int32Array(n));
      this.offsets = grow(this.offsets, (n) => new Float64Array(n));
      this.entries = grow(this.entries, (n) => new Int32Array(n));
    }
    const k = this.count++;
    this.lineNos[k] = line;
    this.offsets[k] = offset;
    this.entries[k] = entry;
  }

  line(k: number): number {
    return this.lineNos[k]!;
  }

  offset(k: number): number {
    return this.offsets[k]!;
  }

  entry(k: number): number {
    return this.entries[k]!;
  }
}
