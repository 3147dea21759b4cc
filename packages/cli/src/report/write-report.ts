import { randomBytes } from 'node:crypto';
import { link, rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { UserError } from '../exit-codes.js';

/**
 * Writes a report under a temporary name beside the target, then moves it into place, so the target
 * is either complete or untouched. Without `force` the final step is a hard link, which fails if
 * the target appeared meanwhile: an existing file is never replaced.
 */
export async function writeReportFile(target: string, content: string, force: boolean): Promise<void> {
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(4).toString('hex')}.kqlr-tmp`);
  try {
    await writeFile(temp, content, { flag: 'wx' });
  } catch (err) {
    throw new UserError(`cannot write ${target}: ${reason(err)}`);
  }
  try {
    if (force) {
      await rename(temp, target);
    } else {
      await link(temp, target);
      await unlink(temp);
    }
  } catch (err) {
    await unlink(temp).catch(() => undefined);
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new UserError(`${target} already exists; use --force to overwrite it`);
    }
    throw new UserError(`cannot write ${target}: ${reason(err)}`);
  }
}

function reason(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
