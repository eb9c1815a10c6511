import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { lstat, mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { PickPostError } from '@pickpost/core';

/**
 * Output files of the CLI hold personal data (names and addresses on labels): they are created
 * 0600 in folders made 0700, never through a symlink planted at their name, and never over an
 * existing file unless the user asked for it; a file being written appears under its name only
 * once it is complete, so a failure leaves what was there before untouched.
 */

const EXCLUSIVE = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;

/** Refuses an existing `path` (a file, or a symlink, even a dangling one) unless `overwrite`. */
export async function assertWritable(path: string, overwrite: boolean): Promise<void> {
  const existing = await lstat(path).catch(() => undefined);
  if (existing === undefined) return;
  if (existing.isSymbolicLink()) {
    throw new PickPostError(
      'VALIDATION_FAILED',
      `${path} is a symbolic link: refusing to write through it`,
    );
  }
  if (!overwrite) {
    throw new PickPostError(
      'VALIDATION_FAILED',
      `${path} exists: refusing to replace it (pass --overwrite to replace it)`,
    );
  }
}

/** A folder for output, created 0700 when missing. */
export async function outputFolder(path: string): Promise<void> {
  await mkdir(path, { recursive: true, mode: 0o700 });
}

/**
 * Writes `path` through a temporary file beside it: `write` fills the handle; on success the
 * file is synced and renamed into place (replacing `path` only when `overwrite`), on failure
 * the temporary file is removed and `path` is as it was.
 *
 * @example
 * await writeAtomically('labels.pdf', false, async (handle) => { await handle.write(pdf); });
 */
export async function writeAtomically(
  path: string,
  overwrite: boolean,
  write: (handle: FileHandle) => Promise<void>,
): Promise<void> {
  await assertWritable(path, overwrite);
  await outputFolder(dirname(path));
  const temporary = join(
    dirname(path),
    `.${basename(path)}.${randomBytes(6).toString('hex')}.part`,
  );
  const handle = await open(temporary, EXCLUSIVE, 0o600);
  try {
    await write(handle);
    await handle.sync();
    await handle.close();
    // Checked again right before the rename: a file (or link) may have appeared meanwhile.
    await assertWritable(path, overwrite);
    await rename(temporary, path);
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(temporary, { force: true });
    throw error;
  }
}
