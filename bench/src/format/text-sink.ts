import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';

/**
 * Buffered, back-pressured text output: rows are appended as strings and flushed in ~1 MiB
 * chunks, waiting for 'drain' so 10 M rows never sit in memory.
 */
export class TextSink {
  private readonly stream: WriteStream;
  private parts: string[] = [];
  private pending = 0;
  private blocked: Promise<unknown> | null = null;
  bytes = 0;

  constructor(readonly path: string) {
    this.stream = createWriteStream(path, { highWaterMark: 1 << 20 });
  }

  write(text: string): void {
    this.parts.push(text);
    this.pending += text.length;
    if (this.pending >= 1 << 20) this.flush();
  }

  private flush(): void {
    if (this.parts.length === 0) return;
    const chunk = Buffer.from(this.parts.join(''), 'utf8');
    this.bytes += chunk.length;
    this.parts = [];
    this.pending = 0;
    if (!this.stream.write(chunk) && !this.blocked) {
      this.blocked = once(this.stream, 'drain').then(() => (this.blocked = null));
    }
  }

  /** Resolves once the OS has caught up; call between rows. */
  async ready(): Promise<void> {
    if (this.blocked) await this.blocked;
  }

  async close(): Promise<void> {
    this.flush();
    this.stream.end();
    await once(this.stream, 'finish');
  }
}
