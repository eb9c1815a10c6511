import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveDataDir } from '../src/data-dir';

const made: string[] = [];
afterAll(async () => {
  await Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('resolveDataDir', () => {
  it('makes a new private folder each time when none is named', async () => {
    const first = await resolveDataDir();
    const second = await resolveDataDir('  ');
    made.push(first, second);
    expect(first).not.toBe(second);
    expect(first.startsWith(join(tmpdir(), 'pickpost-example-shop-'))).toBe(true);
    for (const dir of [first, second]) {
      const info = await stat(dir);
      expect(info.isDirectory()).toBe(true);
      expect(info.mode & 0o777).toBe(0o700);
    }
  });

  it('makes a named folder 0700 and uses an existing one as it is', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'data-dir-test-'));
    made.push(parent);
    const named = join(parent, 'nested', 'shop');
    expect(await resolveDataDir(named)).toBe(named);
    expect((await stat(named)).mode & 0o777).toBe(0o700);
    await writeFile(join(named, 'kept.txt'), 'x');
    expect(await resolveDataDir(named)).toBe(named);
    expect((await stat(join(named, 'kept.txt'))).isFile()).toBe(true);
  });

  it('refuses a named path that is a file', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'data-dir-test-'));
    made.push(parent);
    const file = join(parent, 'file');
    await writeFile(file, 'x');
    await expect(resolveDataDir(file)).rejects.toThrow();
  });
});
