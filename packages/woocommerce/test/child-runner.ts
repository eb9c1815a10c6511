import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const script = join(packageDir, 'test', 'sync-child.ts');

export interface SyncChild {
  child: ChildProcess;
  output: () => string;
  /** The exit code, or the signal's name when killed. */
  exited: Promise<number | string>;
}

/**
 * Runs a TypeScript entry point in one Node process (`--import tsx`, not the `tsx` binary,
 * which runs the script in a second process that a SIGKILL of the first would leave running),
 * collecting its output.
 */
export function spawnScript(
  entry: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): SyncChild {
  const argv = ['--conditions=@pickpost/source', '--import', 'tsx', entry, ...args];
  const child = spawn(process.execPath, argv, {
    cwd: packageDir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  const collect = (chunk: Buffer) => {
    text += chunk.toString();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  return { child, output: () => text, exited };
}

/** Starts `test/sync-child.ts` with the given environment. */
export function startSyncChild(env: Record<string, string>): SyncChild {
  return spawnScript(script, [], { ...process.env, ...env });
}
