import { execFile } from 'node:child_process';

/** What a finished child process left: its exit code and output. */
export interface ChildResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end and resolves with its exit code and output (never rejects). */
export function runChild(
  command: string,
  args: readonly string[],
  options: { cwd: string; timeout: number; env: NodeJS.ProcessEnv },
): Promise<ChildResult> {
  return new Promise((resolve) => {
    execFile(command, args, options, (error, stdout, stderr) =>
      resolve({
        code: error === null ? 0 : Number((error as { code?: number }).code ?? 1),
        stdout,
        stderr,
      }),
    );
  });
}

const packageDir = new URL('..', import.meta.url).pathname;

/** Runs the CLI from source in a child process, as `pnpm demo` does. */
export function runCliFromSource(
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<ChildResult> {
  return runChild(
    process.execPath,
    ['--import', 'tsx', '--conditions=@pickpost/source', 'src/bin.ts', ...args],
    { cwd: packageDir, timeout: 120_000, env: { ...process.env, ...env } },
  );
}
