import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const packageDir = fileURLToPath(new URL('..', import.meta.url));

/** Runs the CLI from source in a child process, as `pnpm demo` does. */
async function pickpost(...args: string[]) {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', 'tsx', '--conditions=@pickpost/source', 'src/bin.ts', ...args],
      { cwd: packageDir, timeout: 60_000 },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('pickpost demo (schema check)', () => {
  it('checks every variant and refuses the broken order, naming all three fields', async () => {
    const { code, stdout } = await pickpost('demo');
    expect(code).toBe(0);
    for (const variant of ['1', '2', '3', '4a', '4b']) {
      expect(stdout).toContain(`Variant ${variant}:`);
    }
    expect(stdout.match(/configuration valid/g)).toHaveLength(5);
    expect(stdout).toContain('recipient.name1: must be at most 35 characters (has 42)');
    expect(stdout).toContain("recipient.street: contains the forbidden character '<'");
    expect(stdout).toContain('recipient.zip:');
    expect(stdout).not.toContain('demo-secret');
  });

  it('exits non-zero on an unknown command', async () => {
    const { code, stderr } = await pickpost('ship-everything');
    expect(code).toBe(1);
    expect(stderr).toContain('Unknown command: ship-everything');
  });
});
