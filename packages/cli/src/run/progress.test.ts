import { describe, expect, it, vi } from 'vitest';
import { formatBytes, formatDuration, ProgressLine } from './progress.js';

describe('ProgressLine', () => {
  it('draws bytes, percentage, read rate and ETA once the run takes a while, then clears', () => {
    vi.useFakeTimers();
    vi.setSystemTime(0);
    const out: string[] = [];
    const p = new ProgressLine(true, (t) => out.push(t), () => 100);
    p.update(10, 100); // too early: short runs stay clean
    expect(out).toEqual([]);
    vi.setSystemTime(2000);
    p.update(50 * 1024 * 1024, 200 * 1024 * 1024);
    expect(out[0]).toContain('reading 50.0 MiB / 200.0 MiB (25%)');
    expect(out[0]).toContain('25.0 MiB/s');
    expect(out[0]).toContain('ETA 6.00 s');
    p.finish();
    expect(out[1]).toMatch(/^\r\s+\r$/);
    vi.useRealTimers();
  });

  it('shows a second pass over the inputs from zero (--now latest), never past 100%', () => {
    vi.useFakeTimers();
    vi.setSystemTime(0);
    const out: string[] = [];
    const p = new ProgressLine(true, (t) => out.push(t), () => 100);
    p.pass('finding the latest Timestamp:');
    vi.setSystemTime(1000);
    p.update(100, 100);
    expect(out.at(-1)).toContain('finding the latest Timestamp: 100 B / 100 B (100%)');
    p.pass('reading');
    vi.setSystemTime(2000);
    p.update(125, 100);
    expect(out.at(-1)).toContain('reading 25 B / 100 B (25%)');
    vi.setSystemTime(3000);
    p.update(260, 100); // a file feeding two tables, read twice in this pass
    expect(out.at(-1)).toContain('reading 100 B / 100 B (100%)');
    p.pass('next dataset:');
    vi.setSystemTime(4000);
    p.update(40, 200); // another set of inputs counts from zero
    expect(out.at(-1)).toContain('next dataset: 40 B / 200 B (20%)');
    vi.useRealTimers();
  });

  it('prints nothing when disabled (not a terminal, or --quiet)', () => {
    const out: string[] = [];
    const p = new ProgressLine(false, (t) => out.push(t));
    p.update(1, 2);
    p.finish();
    expect(out).toEqual([]);
  });
  it('formats sizes and durations for people', () => {
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatDuration(0.25)).toBe('250 ms');
    expect(formatDuration(125)).toBe('2 min 5 s');
  });
});
