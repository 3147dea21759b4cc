import type { MalformedRecord } from '@kqlr/common';

/**
 * Reports malformed input records on stderr: the first few in full (file, line or offset, reason),
 * then only a count, so a badly broken file cannot flood the terminal but no record is lost silently.
 */
export class MalformedReporter {
  private count = 0;

  constructor(
    private readonly write: (text: string) => void,
    private readonly showFirst = 5,
  ) {}

  readonly report = (m: MalformedRecord): void => {
    this.count++;
    if (this.count <= this.showFirst) {
      const where = m.line !== undefined ? `:${m.line}` : m.offset !== undefined ? ` (byte ${m.offset})` : '';
      this.write(`kqlr: warning: ${m.file}${where}: malformed record skipped: ${m.reason}\n`);
    } else if (this.count === this.showFirst + 1) {
      this.write('kqlr: warning: more malformed records; only the total is reported below\n');
    }
  };

  get total(): number {
    return this.count;
  }
}
