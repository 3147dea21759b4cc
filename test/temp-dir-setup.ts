import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Every test run gets one private temporary directory, exported as TMPDIR before the test
 * processes start (they and the CLI processes they spawn inherit it, and os.tmpdir() reads it),
 * and removed when the run ends: tests that make scratch directories leave nothing in the
 * system's temp directory, even when they fail half-way.
 */
export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'kqlr-tests-'));
  const previous = process.env['TMPDIR'];
  process.env['TMPDIR'] = dir;
  return () => {
    if (previous === undefined) delete process.env['TMPDIR'];
    else process.env['TMPDIR'] = previous;
    rmSync(dir, { recursive: true, force: true });
  };
}
