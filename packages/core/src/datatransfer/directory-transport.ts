import { constants, createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { sha256OfStream } from '../digests';
import { PickPostError } from '../errors/index';
import { partName, sidecarName } from './file-name';
import type { DataTransferTransport, TransportSession } from './transport';

/** SHA-256 of a file, read as a stream. */
export const sha256OfFile = (path: string): Promise<string> =>
  sha256OfStream(createReadStream(path));

/**
 * A new file for writing, 0600 (shipment data is personal data): it must not exist, and a
 * symlink planted at its name is not followed (O_EXCL, O_NOFOLLOW), so nobody can redirect
 * the data into a file of their choice.
 */
export function createExclusive(path: string) {
  return open(
    path,
    constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
    0o600,
  );
}

async function fsyncPath(path: string, flags = 'r'): Promise<void> {
  const handle = await open(path, flags);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Delivers files into a local directory (a folder another tool ships, or a mounted share):
 * copied under a temporary name, fsynced, verified, renamed; the directory is fsynced after
 * each rename so the name survives a power cut.
 *
 * @example
 * await outbox.flush({ transport: directoryTransport({ dir: '/var/spool/pickpost' }) });
 */
export function directoryTransport(options: { dir: string }): DataTransferTransport {
  const dir = resolve(options.dir);
  const failed = (what: string, cause: unknown) =>
    new PickPostError('DATATRANSFER_FAILED', `Could not ${what} in ${dir}`, { cause });
  const syncDir = () => fsyncPath(dir).catch(() => undefined);

  const session: TransportSession = {
    async putPart(localPath, fileName, expected) {
      const target = join(dir, partName(fileName));
      try {
        const handle = await createExclusive(target);
        try {
          for await (const chunk of createReadStream(localPath))
            await handle.write(chunk as Buffer);
          await handle.sync();
        } finally {
          await handle.close().catch(() => undefined);
        }
      } catch (error) {
        throw failed(`write ${partName(fileName)}`, error);
      }
      const { size } = await stat(target);
      if (size !== expected.size || (await sha256OfFile(target)) !== expected.sha256) {
        await rm(target, { force: true });
        throw new PickPostError(
          'DATATRANSFER_FAILED',
          `${fileName} arrived damaged in ${dir}: size or checksum differs`,
        );
      }
    },
    async putSidecar(fileName, content, name = sidecarName(fileName)) {
      const temporary = join(dir, `${name}.part`);
      try {
        // A leftover of a crash between writing and renaming it: ours, replaced.
        await rm(temporary, { force: true });
        const handle = await createExclusive(temporary);
        try {
          await handle.writeFile(content, 'utf8');
          await handle.sync();
        } finally {
          await handle.close();
        }
        await rename(temporary, join(dir, name));
        await syncDir();
      } catch (error) {
        throw failed(`write ${name}`, error);
      }
    },
    async commit(fileName) {
      try {
        await rename(join(dir, partName(fileName)), join(dir, fileName));
        await syncDir();
      } catch (error) {
        throw failed(`rename ${partName(fileName)}`, error);
      }
    },
    async hasPart(fileName) {
      return stat(join(dir, partName(fileName))).then(
        () => true,
        () => false,
      );
    },
    async hasSidecar(fileName, name = sidecarName(fileName)) {
      return stat(join(dir, name)).then(
        () => true,
        () => false,
      );
    },
    async removePart(fileName) {
      await rm(join(dir, partName(fileName)), { force: true });
    },
    async close() {},
  };

  return {
    description: `directory ${dir}`,
    async open() {
      try {
        await mkdir(dir, { recursive: true, mode: 0o700 });
      } catch (error) {
        throw failed('create the directory', error);
      }
      return session;
    },
  };
}
