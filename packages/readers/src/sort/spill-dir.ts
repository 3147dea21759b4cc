import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const live = new Set<string>();
const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

function removeAll(): void {
  for (const dir of live) removeQuietly(dir);
  live.clear();
}

function removeQuietly(dir: string): void {
  try {
    // Synchronous: also called from 'exit' and signal handlers, where nothing async runs.
    rmSync(dir, { recursive: true, force: true });
  } catch {
    // Nothing more can be done; the directory is under the system's temp dir.
  }
}

const EXIT_STATUS: Record<(typeof SIGNALS)[number], number> = { SIGINT: 130, SIGTERM: 143 };

/**
 * On SIGINT/SIGTERM: remove the spill directories, then end the process as the signal would have.
 * Another listener (the CLI's, which exits with its own status) then runs as usual; alone, this
 * exits with 128 + the signal number (raising the signal again from inside its handler is lost:
 * Node still has it caught at that point).
 */
function onSignal(signal: (typeof SIGNALS)[number]): void {
  removeAll();
  uninstall();
  if (process.listenerCount(signal) === 0) process.exit(EXIT_STATUS[signal]);
}

const handlers = new Map<NodeJS.Signals, () => void>();

function install(): void {
  if (handlers.size > 0) return;
  process.on('exit', removeAll);
  for (const s of SIGNALS) {
    const h = (): void => onSignal(s);
    handlers.set(s, h);
    process.on(s, h);
  }
}

function uninstall(): void {
  process.off('exit', removeAll);
  for (const [s, h] of handlers) process.off(s, h);
  handlers.clear();
}

/**
 * A private temporary directory for sorted runs, under os.tmpdir(). It is removed by `remove`
 * (callers do so in `finally`), and in any case when the process exits or is interrupted, so a
 * failed or cancelled scan leaves nothing behind. Signal handlers are installed only while a
 * directory exists, so the process's default signal behaviour is otherwise untouched.
 */
export class SpillDir {
  readonly path: string;
  private removed = false;

  constructor(prefix = 'kqlr-sort-') {
    this.path = mkdtempSync(join(tmpdir(), prefix));
    live.add(this.path);
    install();
  }

  file(name: string): string {
    return join(this.path, name);
  }

  remove(): void {
    if (this.removed) return;
    this.removed = true;
    live.delete(this.path);
    removeQuietly(this.path);
    if (live.size === 0) uninstall();
  }
}

/** Spill directories not yet removed (for tests). */
export function liveSpillDirs(): string[] {
  return [...live];
}
