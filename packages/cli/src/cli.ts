import { parseArgs } from 'node:util';
import { isPickPostError } from '@pickpost/core';
import { runSchemaDemo } from './commands/demo';

const USAGE = `Usage: pickpost <command> [options]

Commands:
  demo [--out <dir>]   check a sample configuration and orders for each Swiss Post variant
  help                 show this text`;

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

const processIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/**
 * Runs the `pickpost` command with `argv` (without `node` and the script) and returns the exit
 * code. Errors are printed as one line naming what to fix; secrets are never printed.
 *
 * @example
 * process.exitCode = await runCli(process.argv.slice(2));
 */
export async function runCli(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'demo': {
        const { values } = parseArgs({
          args: [...rest],
          options: { out: { type: 'string', default: './pickpost-demo' } },
        });
        return runSchemaDemo(io.out, values.out);
      }
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.out(USAGE);
        return command === undefined ? 1 : 0;
      default:
        io.err(`Unknown command: ${command}\n\n${USAGE}`);
        return 1;
    }
  } catch (error) {
    io.err(isPickPostError(error) ? `Error: ${error.message}` : `Error: ${String(error)}`);
    return 1;
  }
}
