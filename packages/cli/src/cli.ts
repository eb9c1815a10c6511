import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { isConfigError } from '@pickpost/core';
import { runDemo } from './commands/demo';
import { runDoctor } from './commands/doctor';
import { runDataTransferFlush, runLabel, runLabels } from './commands/labels';
import { runPoints } from './commands/points';
import { runRecommend } from './commands/recommend';
import { errorText } from './output/error-text';

const USAGE = `Usage: pickpost <command> [options]

Commands:
  demo [--out <dir>]                         run sample orders through all five configurations
                                             against the mock Post server (needs the repository)
  doctor --config <file> [--specimen]        check configuration, credentials, SFTP, store; sends
                                             nothing that makes a label, unless --specimen asks
                                             Swiss Post for one SPECIMEN label (checks the licence)
  points <zip> [--kinds pickpost,mypost24] [--limit n] [--config <file>]
                                             PickPost points and My Post 24 terminals near a postcode
  label --order <file.json> [--out <file>] --config <file>
                                             the label of one order
  labels --orders <file.ndjson> (--out <file.pdf> | --out-dir <dir>) --config <file>
                                             labels of many orders, one merged PDF or one file each
  datatransfer flush --config <file>         deliver queued DataTransfer shipment data
  recommend --parcels <n> [--no-web-services] [--own-barcodes] [--datatransfer] [--no-linkage]
                                             which Swiss Post variant suits your shop
  help                                       show this text

Configuration files hold the @pickpost/core configuration plus "store"; write secrets as
"env:VARIABLE" to read them from the environment.`;

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

const processIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

function requireConfig(config: string | undefined, io: CliIo): config is string {
  if (config === undefined) io.err('This command needs --config <file>.');
  return config !== undefined;
}

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
          // pnpm runs package scripts in the package folder; INIT_CWD is where the user typed.
          options: {
            out: {
              type: 'string',
              default: join(process.env.INIT_CWD ?? process.cwd(), 'pickpost-demo'),
            },
          },
        });
        return await runDemo(io.out, values.out);
      }
      case 'doctor': {
        const { values } = parseArgs({
          args: [...rest],
          options: { config: { type: 'string' }, specimen: { type: 'boolean' } },
        });
        if (!requireConfig(values.config, io)) return 1;
        return await runDoctor(values.config, io.out, { specimen: values.specimen === true });
      }
      case 'points': {
        const { values, positionals } = parseArgs({
          args: [...rest],
          allowPositionals: true,
          options: {
            kinds: { type: 'string' },
            limit: { type: 'string' },
            config: { type: 'string' },
          },
        });
        const [zip] = positionals;
        if (zip === undefined) {
          io.err('Give a postcode: pickpost points 8001');
          return 1;
        }
        return await runPoints(zip, values, io.out);
      }
      case 'label': {
        const { values } = parseArgs({
          args: [...rest],
          options: {
            order: { type: 'string' },
            out: { type: 'string' },
            config: { type: 'string' },
          },
        });
        if (!requireConfig(values.config, io)) return 1;
        return await runLabel({ ...values, config: values.config }, io.out);
      }
      case 'labels': {
        const { values } = parseArgs({
          args: [...rest],
          options: {
            orders: { type: 'string' },
            out: { type: 'string' },
            'out-dir': { type: 'string' },
            config: { type: 'string' },
          },
        });
        if (!requireConfig(values.config, io)) return 1;
        return await runLabels({ ...values, config: values.config }, io.out);
      }
      case 'datatransfer': {
        const { values, positionals } = parseArgs({
          args: [...rest],
          allowPositionals: true,
          options: { config: { type: 'string' } },
        });
        if (positionals[0] !== 'flush') {
          io.err('Usage: pickpost datatransfer flush --config <file>');
          return 1;
        }
        if (!requireConfig(values.config, io)) return 1;
        return await runDataTransferFlush({ config: values.config }, io.out);
      }
      case 'recommend': {
        const { values } = parseArgs({
          args: [...rest],
          options: {
            parcels: { type: 'string' },
            'no-web-services': { type: 'boolean' },
            'own-barcodes': { type: 'boolean' },
            datatransfer: { type: 'boolean' },
            'no-linkage': { type: 'boolean' },
          },
        });
        return runRecommend(values, io.out);
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
    if (isConfigError(error)) {
      io.err('Error: the configuration is not valid:');
      for (const issue of error.issues) io.err(`  ${issue.path}: ${issue.message}`);
    } else {
      io.err(`Error: ${errorText(error)}`);
    }
    return 1;
  }
}
