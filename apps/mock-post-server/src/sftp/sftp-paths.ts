import { lstat, realpath } from 'node:fs/promises';
import { basename, dirname, join, posix, sep } from 'node:path';
import ssh2 from 'ssh2';

const { STATUS_CODE } = ssh2.utils.sftp;

/** A request the SFTP server refuses with this status code. */
export class SftpStatusError extends Error {
  override name = 'SftpStatusError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The path a client names, as the account sees it: relative paths start at the account's root
 * `/`, and `..` never climbs above it, exactly as in an OpenSSH chroot.
 *
 * @example
 * virtualPath('../../etc/passwd'); // '/etc/passwd', i.e. inside the account's directory
 */
export function virtualPath(clientPath: string): string {
  if (clientPath.includes('\0'))
    throw new SftpStatusError(STATUS_CODE.BAD_MESSAGE, 'Path contains a NUL byte');
  return posix.resolve('/', clientPath);
}

const inside = (root: string, path: string) => path === root || path.startsWith(root + sep);

const errnoOf = (error: unknown) => (error as NodeJS.ErrnoException).code;

/**
 * Maps a virtual path onto the disk below `root` (a real path without symlinks) and proves it
 * stays there. Every existing directory on the way is resolved with `realpath`, so a symlink
 * placed in the account's directory that points outside is refused with PERMISSION_DENIED
 * rather than followed. With `followLast`, a symlink as the last component is followed (and
 * checked the same way); without, the link itself is meant (LSTAT, REMOVE, RENAME).
 *
 * @example
 * await diskPath('/srv/sftp/shop', '/in/a.xml', { followLast: true }); // '/srv/sftp/shop/in/a.xml'
 */
export async function diskPath(
  root: string,
  virtual: string,
  options: { followLast: boolean },
): Promise<string> {
  if (virtual === '/') return root;
  let parent: string;
  try {
    parent = await realpath(dirname(join(root, virtual)));
  } catch (error) {
    const code = errnoOf(error);
    if (code === 'ENOENT' || code === 'ENOTDIR')
      throw new SftpStatusError(STATUS_CODE.NO_SUCH_FILE, 'No such file');
    throw error;
  }
  if (!inside(root, parent))
    throw new SftpStatusError(STATUS_CODE.PERMISSION_DENIED, 'Permission denied');
  const candidate = join(parent, basename(virtual));
  if (!options.followLast) return candidate;
  try {
    const real = await realpath(candidate);
    if (!inside(root, real))
      throw new SftpStatusError(STATUS_CODE.PERMISSION_DENIED, 'Permission denied');
    return real;
  } catch (error) {
    if (errnoOf(error) !== 'ENOENT') throw error;
  }
  // Not there, or a symlink to nowhere: creating through a dangling link could create a file
  // outside the root, so only a name that is truly free may be created.
  try {
    await lstat(candidate);
  } catch {
    return candidate;
  }
  throw new SftpStatusError(STATUS_CODE.PERMISSION_DENIED, 'Permission denied');
}
