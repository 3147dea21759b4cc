import { execFileSync } from 'node:child_process';

/** The headless Chromium binary, or null when none is installed (tests then skip, saying so). */
export function findChromium(): string | null {
  for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
    try {
      const path = execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();
      if (path !== '') return path;
    } catch {
      // not this one
    }
  }
  return null;
}

/** Loads a local HTML file in headless Chromium and returns the DOM after its scripts ran. */
export function dumpDom(chromium: string, file: string): string {
  return execFileSync(
    chromium,
    ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--virtual-time-budget=5000', '--dump-dom', `file://${file}`],
    { encoding: 'utf8', timeout: 60_000, stdio: ['ignore', 'pipe', 'ignore'] },
  );
}
