import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';

/** What the simulated Post reads of a delivered file besides its XML: hash, control file, head. */

const SIDECAR_LIMIT_BYTES = 4096;

export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export class SidecarError extends Error {
  override name = 'SidecarError';
}

/**
 * The sidecar's expected hash, `undefined` without sidecar (or when the agreed control file
 * carries no hash); throws on an unreadable one.
 */
export async function readSidecar(
  path: string,
  fileName: string,
  content: RegExp,
): Promise<string | undefined> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const buffer = Buffer.alloc(SIDECAR_LIMIT_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SIDECAR_LIMIT_BYTES, 0);
    const match = content.exec(buffer.subarray(0, bytesRead).toString('utf8'));
    if (match === null) throw new SidecarError(`the sidecar does not match ${content.source}`);
    const named = match.groups ?? {};
    if (named.name !== undefined && named.name !== fileName)
      throw new SidecarError(`the sidecar names ${JSON.stringify(named.name)}`);
    return named.sha256;
  } finally {
    await handle.close();
  }
}

/** The first bytes of a file, where its XML declaration is. */
export async function firstBytes(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(200);
    const { bytesRead } = await handle.read(buffer, 0, 200, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
