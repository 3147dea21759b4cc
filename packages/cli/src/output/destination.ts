import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, rmSync, type WriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../exit-codes.js';

const pending = new Set<string>();
let handlersInstalled = false;

/**
 * Removes half-written temporary files when the process is interrupted, so an interrupted run never
 * leaves a partial result under the requested name (and no litter beside it).
 */
function installInterruptCleanup(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  // Also on 'exit': a process ended early on purpose (e.g. stderr's reader went away) must not
  // leave a temporary file behind either.
  process.on('exit', removePending);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      removePending();
      process.stderr.write(`\nkqlr: interrupted; no output file was written\n`);
      process.exit(signal === 'SIGINT' ? 130 : 143);
    });
  }
}

function removePending(): void {
  for (const tmp of pending) {
    try {
      // Synchronous on purpose: the process is about to exit.
      rmSync(tmp, { force: true });
    } catch {
      // nothing more can be done while exiting
    }
  }
  pending.clear();
}

/** Refuses to replace a file the user already has, unless they said --force. */
export function ensureWritable(target: string, force: boolean): void {
  if (!force && existsSync(target)) {
    throw new UserError(`${target} already exists; use --force to overwrite it`);
  }
}

/**
 * A file written under a temporary name beside the target and renamed into place by `commit()`,
 * so the target is either the complete new result or untouched.
 */
export class AtomicFile {
  readonly tempPath: string;

  private constructor(readonly target: string) {
    const dir = path.dirname(target);
    this.tempPath = path.join(dir, `.${path.basename(target)}.${randomBytes(4).toString('hex')}.kqlr-tmp`);
  }

  static create(target: string, force: boolean): AtomicFile {
    ensureWritable(target, force);
    installInterruptCleanup();
    const file = new AtomicFile(target);
    pending.add(file.tempPath);
    return file;
  }

  openStream(): WriteStream {
    return createWriteStream(this.tempPath);
  }

  async commit(): Promise<void> {
    await rename(this.tempPath, this.target);
    pending.delete(this.tempPath);
  }

  async abort(): Promise<void> {
    pending.delete(this.tempPath);
    await rm(this.tempPath, { force: true });
  }
}
