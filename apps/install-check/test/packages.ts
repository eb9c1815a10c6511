import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The workspace packages that are published: under `packages/`, not `private`. */
export async function publishablePackages(
  root: string,
): Promise<Array<{ name: string; dir: string }>> {
  const found: Array<{ name: string; dir: string }> = [];
  for (const entry of await readdir(join(root, 'packages'), { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const dir = join(root, 'packages', entry.name);
    const manifest = await readFile(join(dir, 'package.json'), 'utf8').catch(() => undefined);
    if (manifest === undefined) continue;
    const { name, private: isPrivate } = JSON.parse(manifest) as {
      name: string;
      private?: boolean;
    };
    if (isPrivate !== true) found.push({ name, dir });
  }
  return found.sort((a, b) => a.name.localeCompare(b.name));
}

/** The paths in a tarball (`package/…`). */
export async function tarballFiles(file: string): Promise<string[]> {
  const { stdout } = await run('tar', ['-tzf', file]);
  return stdout.split('\n').filter(Boolean);
}
