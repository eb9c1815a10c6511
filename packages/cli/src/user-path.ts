import { resolve } from 'node:path';

/**
 * The folder the user typed the command in. pnpm runs scripts in the package's folder (or the
 * workspace root) and leaves the user's folder in `INIT_CWD`; a path typed by the user means a
 * path from there.
 */
export function userDirectory(env: NodeJS.ProcessEnv = process.env): string {
  return env.INIT_CWD !== undefined && env.INIT_CWD !== '' ? env.INIT_CWD : process.cwd();
}

/**
 * A path the user typed, made absolute from the folder they typed it in, so error messages can
 * show exactly which file was meant.
 *
 * @example
 * const file = userPath('pickpost.json'); // '/home/me/shop/pickpost.json'
 */
export function userPath(path: string, env: NodeJS.ProcessEnv = process.env): string {
  return resolve(userDirectory(env), path);
}
