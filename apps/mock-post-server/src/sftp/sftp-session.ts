import type { Stats } from 'node:fs';
import { constants } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { lstat, mkdir, open, readdir, rename, rmdir, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Attributes, FileEntry, SFTPWrapper } from 'ssh2';
import ssh2 from 'ssh2';
import type { SessionFaults } from './sftp-faults';
import { diskPath, SftpStatusError, virtualPath } from './sftp-paths';

const { OPEN_MODE, STATUS_CODE } = ssh2.utils.sftp;

/** Extensions the server announces and answers, as OpenSSH's sftp-server does. */
export const SFTP_EXTENSIONS = { 'posix-rename@openssh.com': '1' } as const;

/** What one SFTP session needs from the server around it. */
export interface SftpSessionContext {
  /** The account's directory on disk, a real path: the session's `/`. */
  root: string;
  username: string;
  faults: SessionFaults;
  /** A file reached its final name (renamed to it, or written under it and closed). */
  onFileCommitted(virtual: string, disk: string): void;
  /** Whether a final file name (without directory) is a data file to ingest; `*.xml` by default. */
  isDataFile?: (name: string) => boolean;
  /** Drops the client's connection at once, without a goodbye. */
  dropConnection(): void;
}

type OpenEntry =
  | { kind: 'file'; file: FileHandle; virtual: string; disk: string; writable: boolean }
  | { kind: 'dir'; virtual: string; disk: string; listing?: FileEntry[] };

const NAMES_PER_READDIR = 100;
const MAX_READ_BYTES = 256 * 1024;

// OpenSSH's errno_to_portable, so clients see the codes a real server would send.
function statusOf(error: unknown): { status: number; message: string } {
  if (error instanceof SftpStatusError) return { status: error.status, message: error.message };
  switch ((error as NodeJS.ErrnoException).code) {
    case 'ENOENT':
    case 'ENOTDIR':
    case 'ELOOP':
      return { status: STATUS_CODE.NO_SUCH_FILE, message: 'No such file' };
    case 'EPERM':
    case 'EACCES':
      return { status: STATUS_CODE.PERMISSION_DENIED, message: 'Permission denied' };
    case 'EEXIST':
      return { status: STATUS_CODE.FAILURE, message: 'File exists' };
    case 'ENOTEMPTY':
      return { status: STATUS_CODE.FAILURE, message: 'Directory not empty' };
    case 'EISDIR':
      return { status: STATUS_CODE.FAILURE, message: 'Is a directory' };
    case 'ENAMETOOLONG':
    case 'EINVAL':
      return { status: STATUS_CODE.BAD_MESSAGE, message: 'Bad message' };
    default:
      return { status: STATUS_CODE.FAILURE, message: 'Failure' };
  }
}

function attributesOf(stats: Stats): Attributes {
  return {
    mode: stats.mode,
    uid: stats.uid,
    gid: stats.gid,
    size: stats.size,
    atime: Math.floor(stats.atimeMs / 1000),
    mtime: Math.floor(stats.mtimeMs / 1000),
  };
}

const MONTHS = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ');

/** The `ls -l` line OpenSSH sends as `longname`; clients read the type and rights from it. */
function longName(name: string, stats: Stats, owner: string): string {
  const type = stats.isDirectory() ? 'd' : stats.isSymbolicLink() ? 'l' : '-';
  const rights = [6, 3, 0]
    .map((shift) => {
      const bits = (stats.mode >> shift) & 7;
      return `${bits & 4 ? 'r' : '-'}${bits & 2 ? 'w' : '-'}${bits & 1 ? 'x' : '-'}`;
    })
    .join('');
  const at = stats.mtime;
  const date = `${MONTHS[at.getUTCMonth()]} ${String(at.getUTCDate()).padStart(2)} ${String(
    at.getUTCHours(),
  ).padStart(2, '0')}:${String(at.getUTCMinutes()).padStart(2, '0')}`;
  return `${type}${rights}    1 ${owner.padEnd(8)} ${owner.padEnd(8)} ${String(stats.size).padStart(8)} ${date} ${name}`;
}

/** Node's open flags for SFTP v3 `pflags`. */
function openFlags(pflags: number): number {
  const read = (pflags & OPEN_MODE.READ) !== 0;
  const write = (pflags & (OPEN_MODE.WRITE | OPEN_MODE.APPEND)) !== 0;
  let flags = read && write ? constants.O_RDWR : write ? constants.O_WRONLY : constants.O_RDONLY;
  if (pflags & OPEN_MODE.APPEND) flags |= constants.O_APPEND;
  if (pflags & OPEN_MODE.CREAT) flags |= constants.O_CREAT;
  if (pflags & OPEN_MODE.TRUNC) flags |= constants.O_TRUNC;
  if (pflags & OPEN_MODE.EXCL) flags |= constants.O_EXCL;
  return flags;
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Reads the SSH strings of an EXTENDED request's data. */
function readStrings(data: Buffer | undefined, count: number): string[] | undefined {
  const strings: string[] = [];
  let offset = 0;
  for (let index = 0; index < count; index += 1) {
    if (data === undefined || offset + 4 > data.length) return undefined;
    const length = data.readUInt32BE(offset);
    offset += 4;
    if (offset + length > data.length) return undefined;
    strings.push(data.toString('utf8', offset, offset + length));
    offset += length;
  }
  return strings;
}

/**
 * Serves one SFTP session (protocol version 3, as ssh2 speaks it) over the account's directory:
 * OPEN, READ, WRITE, FSTAT, STAT, LSTAT, SETSTAT/FSETSTAT (accepted, attributes ignored),
 * CLOSE, OPENDIR/READDIR, REMOVE, MKDIR, RMDIR, REALPATH, RENAME and the
 * `posix-rename@openssh.com` extension. SYMLINK and READLINK are refused (OP_UNSUPPORTED), so a
 * client cannot make a way out of its directory. Requests run concurrently, as a pipelining
 * client expects; replies carry their request id.
 *
 * @example
 * session.on('sftp', (accept) => serveSftp(accept(), { root, username, faults, onFileCommitted, dropConnection }));
 */
export function serveSftp(sftp: SFTPWrapper, context: SftpSessionContext): void {
  const { root, faults } = context;
  const entries = new Map<number, OpenEntry>();
  let nextHandle = 1;

  const reply = (reqId: number, work: () => Promise<void>) => {
    work().catch((error: unknown) => {
      const { status, message } = statusOf(error);
      sftp.status(reqId, status, message);
    });
  };
  const ok = (reqId: number) => sftp.status(reqId, STATUS_CODE.OK);
  const resolve = (clientPath: string, followLast: boolean) => {
    const virtual = virtualPath(clientPath);
    return diskPath(root, virtual, { followLast }).then((disk) => ({ virtual, disk }));
  };
  const entryOf = (handle: Buffer): OpenEntry => {
    const entry = handle.length === 4 ? entries.get(handle.readUInt32BE(0)) : undefined;
    if (entry === undefined) throw new SftpStatusError(STATUS_CODE.FAILURE, 'Invalid handle');
    return entry;
  };
  const fileOf = (handle: Buffer) => {
    const entry = entryOf(handle);
    if (entry.kind !== 'file') throw new SftpStatusError(STATUS_CODE.FAILURE, 'Not a file handle');
    return entry;
  };
  const register = (entry: OpenEntry): Buffer => {
    const id = nextHandle++;
    entries.set(id, entry);
    const handle = Buffer.alloc(4);
    handle.writeUInt32BE(id);
    return handle;
  };
  // A file under a final name is one the Post processes; `.part` names and our own reports
  // are not.
  const isDataFile = (virtual: string) =>
    context.isDataFile === undefined
      ? virtual.endsWith('.xml') && !virtual.endsWith('.report.xml')
      : context.isDataFile(virtual.slice(virtual.lastIndexOf('/') + 1));

  sftp.on('OPEN', (reqId, filename, pflags, attrs) =>
    reply(reqId, async () => {
      const writable = (pflags & (OPEN_MODE.WRITE | OPEN_MODE.APPEND)) !== 0;
      if (writable && faults.permissionDenied)
        throw new SftpStatusError(STATUS_CODE.PERMISSION_DENIED, 'Permission denied');
      const { virtual, disk } = await resolve(filename, true);
      const mode = typeof attrs.mode === 'number' ? attrs.mode & 0o777 : 0o644;
      const file = await open(disk, openFlags(pflags), mode);
      if ((await file.stat()).isDirectory()) {
        await file.close();
        throw new SftpStatusError(STATUS_CODE.FAILURE, 'Is a directory');
      }
      sftp.handle(reqId, register({ kind: 'file', file, virtual, disk, writable }));
    }),
  );

  sftp.on('READ', (reqId, handle, offset, length) =>
    reply(reqId, async () => {
      const { file } = fileOf(handle);
      const buffer = Buffer.alloc(Math.min(length, MAX_READ_BYTES));
      const { bytesRead } = await file.read(buffer, 0, buffer.length, offset);
      if (bytesRead === 0) sftp.status(reqId, STATUS_CODE.EOF);
      else sftp.data(reqId, buffer.subarray(0, bytesRead));
    }),
  );

  sftp.on('WRITE', (reqId, handle, offset, data) => {
    let entry: OpenEntry;
    try {
      entry = fileOf(handle);
    } catch (error) {
      const { status, message } = statusOf(error);
      sftp.status(reqId, status, message);
      return;
    }
    if (!entry.writable) {
      sftp.status(reqId, STATUS_CODE.PERMISSION_DENIED, 'File not open for writing');
      return;
    }
    // Planned at arrival, before any await, so pipelined writes count in the order sent.
    const plan = faults.planWrite(data.length);
    const { file } = entry;
    reply(reqId, async () => {
      if (plan.bytes > 0) await file.write(data, 0, plan.bytes, offset);
      if (plan.disconnect) {
        context.dropConnection();
        return;
      }
      if (plan.delayMs > 0) await delay(plan.delayMs);
      ok(reqId);
    });
  });

  sftp.on('FSTAT', (reqId, handle) =>
    reply(reqId, async () => {
      const entry = entryOf(handle);
      const stats = entry.kind === 'file' ? await entry.file.stat() : await stat(entry.disk);
      sftp.attrs(reqId, attributesOf(stats));
    }),
  );
  sftp.on('STAT', (reqId, path) =>
    reply(reqId, async () => {
      sftp.attrs(reqId, attributesOf(await stat((await resolve(path, true)).disk)));
    }),
  );
  sftp.on('LSTAT', (reqId, path) =>
    reply(reqId, async () => {
      sftp.attrs(reqId, attributesOf(await lstat((await resolve(path, false)).disk)));
    }),
  );
  // Accepted without effect: clients set modes and times after uploads, and whether they stick
  // does not matter to the Post.
  sftp.on('SETSTAT', (reqId, path) =>
    reply(reqId, async () => {
      await stat((await resolve(path, true)).disk);
      ok(reqId);
    }),
  );
  sftp.on('FSETSTAT', (reqId, handle) =>
    reply(reqId, async () => {
      entryOf(handle);
      ok(reqId);
    }),
  );

  sftp.on('CLOSE', (reqId, handle) =>
    reply(reqId, async () => {
      const entry = entryOf(handle);
      entries.delete(handle.readUInt32BE(0));
      if (entry.kind === 'file') await entry.file.close();
      ok(reqId);
      if (entry.kind === 'file' && entry.writable && isDataFile(entry.virtual))
        context.onFileCommitted(entry.virtual, entry.disk);
    }),
  );

  sftp.on('OPENDIR', (reqId, path) =>
    reply(reqId, async () => {
      const { virtual, disk } = await resolve(path, true);
      if (!(await stat(disk)).isDirectory())
        throw new SftpStatusError(STATUS_CODE.NO_SUCH_FILE, 'Not a directory');
      sftp.handle(reqId, register({ kind: 'dir', virtual, disk }));
    }),
  );
  sftp.on('READDIR', (reqId, handle) =>
    reply(reqId, async () => {
      const entry = entryOf(handle);
      if (entry.kind !== 'dir')
        throw new SftpStatusError(STATUS_CODE.FAILURE, 'Not a directory handle');
      if (entry.listing === undefined) {
        const names = (await readdir(entry.disk)).sort();
        const listing: FileEntry[] = [];
        for (const name of names) {
          // A name may vanish between readdir and lstat (a rename by another session).
          const stats = await lstat(join(entry.disk, name)).catch(() => undefined);
          if (stats === undefined) continue;
          listing.push({
            filename: name,
            longname: longName(name, stats, context.username),
            attrs: attributesOf(stats),
          });
        }
        entry.listing = listing;
      }
      const batch = entry.listing.splice(0, NAMES_PER_READDIR);
      if (batch.length === 0) sftp.status(reqId, STATUS_CODE.EOF);
      else sftp.name(reqId, batch);
    }),
  );

  sftp.on('REMOVE', (reqId, path) =>
    reply(reqId, async () => {
      const { virtual, disk } = await resolve(path, false);
      if (virtual === '/' || (await lstat(disk)).isDirectory())
        throw new SftpStatusError(STATUS_CODE.FAILURE, 'Is a directory');
      await unlink(disk);
      ok(reqId);
    }),
  );
  sftp.on('MKDIR', (reqId, path, attrs) =>
    reply(reqId, async () => {
      const { disk } = await resolve(path, false);
      await mkdir(disk, typeof attrs.mode === 'number' ? attrs.mode & 0o777 : 0o755);
      ok(reqId);
    }),
  );
  sftp.on('RMDIR', (reqId, path) =>
    reply(reqId, async () => {
      const { virtual, disk } = await resolve(path, false);
      if (virtual === '/')
        throw new SftpStatusError(STATUS_CODE.PERMISSION_DENIED, 'Permission denied');
      await rmdir(disk);
      ok(reqId);
    }),
  );
  sftp.on('REALPATH', (reqId, path) =>
    reply(reqId, async () => {
      const { virtual, disk } = await resolve(path, true);
      // Like OpenSSH: the last component may be missing, its directory may not.
      await lstat(disk).catch((error: unknown) => {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      });
      sftp.name(reqId, [{ filename: virtual, longname: virtual, attrs: {} as Attributes }]);
    }),
  );

  const renameTo = (reqId: number, from: string, to: string, replace: boolean) =>
    reply(reqId, async () => {
      const source = await resolve(from, false);
      const target = await resolve(to, false);
      if (source.virtual === '/' || target.virtual === '/')
        throw new SftpStatusError(STATUS_CODE.PERMISSION_DENIED, 'Permission denied');
      const sourceIsFile = (await lstat(source.disk)).isFile();
      // SSH_FXP_RENAME in SFTP v3 (and OpenSSH) does not overwrite; posix-rename does.
      if (
        !replace &&
        (await lstat(target.disk).then(
          () => true,
          () => false,
        ))
      )
        throw new SftpStatusError(STATUS_CODE.FAILURE, 'File exists');
      await rename(source.disk, target.disk);
      ok(reqId);
      if (sourceIsFile && isDataFile(target.virtual))
        context.onFileCommitted(target.virtual, target.disk);
    });

  sftp.on('RENAME', (reqId, from, to) => renameTo(reqId, from, to, false));
  sftp.on('EXTENDED', (reqId, name, data) => {
    const paths = name === 'posix-rename@openssh.com' ? readStrings(data, 2) : undefined;
    if (name !== 'posix-rename@openssh.com') {
      sftp.status(reqId, STATUS_CODE.OP_UNSUPPORTED, `${name} is not supported`);
    } else if (paths === undefined) {
      sftp.status(reqId, STATUS_CODE.BAD_MESSAGE, 'Malformed posix-rename request');
    } else {
      renameTo(reqId, paths[0] as string, paths[1] as string, true);
    }
  });

  // Handles a client leaves open (its connection dropped mid-upload) would leak descriptors.
  const closeAll = () => {
    for (const entry of entries.values()) {
      if (entry.kind === 'file') entry.file.close().catch(() => {});
    }
    entries.clear();
  };
  // The client's EOF ends the session. OpenSSH's client then waits for the server to close the
  // channel before it disconnects, which ssh2 leaves to the application.
  sftp.on('end', () => {
    closeAll();
    sftp.end();
  });
  sftp.on('close', closeAll);
}
