import { mkdir, mkdtemp, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * The folder the example shop keeps its database and data-transfer files in. A fixed name under
 * the shared temporary folder could be made in advance by another user of the machine (and its
 * files read or swapped), so without a folder the user names, each start gets a new private one
 * (`mkdtemp`, mode 0700). A named folder is made 0700 if missing and used as it is otherwise.
 */
export async function resolveDataDir(named?: string): Promise<string> {
  if (named === undefined || named.trim() === '') {
    return mkdtemp(join(tmpdir(), 'pickpost-example-shop-'));
  }
  const dir = resolve(named);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  if (!(await stat(dir)).isDirectory()) throw new Error(`--data-dir ${dir} is not a folder`);
  return dir;
}
