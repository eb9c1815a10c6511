import { mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { directoryTransport, sha256OfFile } from './directory-transport';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pickpost-directory-transport-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function localFile(content: string) {
  const path = join(dir, 'local.xml');
  await writeFile(path, content);
  return { path, size: Buffer.byteLength(content), sha256: await sha256OfFile(path) };
}

describe('directoryTransport', () => {
  it('creates its folder 0700 and its files 0600, data file first and sidecar last', async () => {
    const out = join(dir, 'out', 'deep');
    const session = await directoryTransport({ dir: out }).open();
    expect((await stat(out)).mode & 0o777).toBe(0o700);
    const file = await localFile('<x/>');
    await session.putPart(file.path, 'a.xml', file);
    expect((await stat(join(out, 'a.xml.part'))).mode & 0o777).toBe(0o600);
    expect(await session.hasSidecar('a.xml')).toBe(false);
    await session.commit('a.xml');
    await session.putSidecar('a.xml', 'digest  a.xml\n');
    expect((await stat(join(out, 'a.xml'))).mode & 0o777).toBe(0o600);
    expect((await stat(join(out, 'a.xml.sha256'))).mode & 0o777).toBe(0o600);
    expect(await session.hasSidecar('a.xml')).toBe(true);
  });

  it('does not follow a symlink planted at the upload name, and leaves its target alone', async () => {
    const out = join(dir, 'out');
    const session = await directoryTransport({ dir: out }).open();
    const victim = join(dir, 'victim.txt');
    await writeFile(victim, 'not yours');
    await symlink(victim, join(out, 'b.xml.part'));
    const file = await localFile('<personal data/>');
    await expect(session.putPart(file.path, 'b.xml', file)).rejects.toMatchObject({
      code: 'DATATRANSFER_FAILED',
    });
    expect(await readFile(victim, 'utf8')).toBe('not yours');
  });
});
