import { describe, expect, it } from 'vitest';
import { readAhead } from './read-ahead.js';

/** A source that logs when each item starts being produced and when it is closed. */
function source(items: number, log: string[], failAt = -1): AsyncGenerator<number> {
  return (async function* () {
    try {
      for (let i = 0; i < items; i++) {
        log.push(`start ${i}`);
        await new Promise((r) => setTimeout(r, 1));
        if (i === failAt) throw new Error(`item ${i} failed`);
        log.push(`made ${i}`);
        yield i;
      }
    } finally {
      log.push('closed');
    }
  })();
}

describe('readAhead', () => {
  it('yields every item in order', async () => {
    const out: number[] = [];
    for await (const x of readAhead(source(5, []))) out.push(x);
    expect(out).toEqual([0, 1, 2, 3, 4]);
  });

  it('starts producing the next item before the consumer has finished with the current one', async () => {
    const log: string[] = [];
    for await (const x of readAhead(source(3, log))) {
      log.push(`consume ${x}`);
      await new Promise((r) => setTimeout(r, 5));
      log.push(`done ${x}`);
    }
    // Item 1 is made while item 0 is being consumed (without read-ahead: after `done 0`).
    expect(log.indexOf('made 1')).toBeLessThan(log.indexOf('done 0'));
    expect(log.indexOf('consume 1')).toBeGreaterThan(log.indexOf('done 0'));
  });

  it('surfaces an error of a later item only after the items before it were consumed', async () => {
    const seen: number[] = [];
    const log: string[] = [];
    await expect(
      (async () => {
        for await (const x of readAhead(source(5, log, 2))) seen.push(x);
      })(),
    ).rejects.toThrow('item 2 failed');
    expect(seen).toEqual([0, 1]);
    expect(log).toContain('closed');
  });

  it('closes the source after the step in flight when the consumer stops early', async () => {
    const log: string[] = [];
    for await (const x of readAhead(source(5, log))) {
      if (x === 1) break;
    }
    // Item 2 was in flight when the consumer stopped; the source is closed after it, nothing more.
    expect(log.slice(-3)).toEqual(['start 2', 'made 2', 'closed']);
    expect(log).not.toContain('start 3');
  });

  it('closes the source without unhandled rejections when the item in flight fails after an early stop', async () => {
    const log: string[] = [];
    for await (const x of readAhead(source(5, log, 1))) {
      if (x === 0) break;
    }
    expect(log).toEqual(['start 0', 'made 0', 'start 1', 'closed']);
  });
});
