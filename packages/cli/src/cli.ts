import { isConfigError } from '@pickpost/core';
import type { CliCommand, CliIo } from './command-spec';
import { defineCommand, UsageError } from './command-spec';
import { runBarcode } from './commands/barcode';
import { runDataTransferCheck } from './commands/datatransfer-check';
import { runDemo } from './commands/demo';
import { runDoctor } from './commands/doctor';
import { runInit } from './commands/init';
import { runDataTransferFlush, runLabel, runLabels } from './commands/labels';
import { runPoints } from './commands/points';
import { runRecommend } from './commands/recommend';
import { runDataTransferReports } from './commands/reports';
import { CONFIG_DOCS_URL } from './output/docs-link';
import { errorText } from './output/error-text';
import { formatCommandHelp, formatUsage } from './output/help';
import { userPath } from './user-path';

export type { CliIo } from './command-spec';

const CONFIG_NOTE = `Configuration files hold the @pickpost/core configuration plus "store"; write secrets as
"env:VARIABLE" to read them from the environment.`;

const config = {
  type: 'string',
  value: '<file>',
  description: 'the configuration file (JSON)',
  required: true,
} as const;

/** The options that name files or folders; each is read from where the user typed. */
const PATH_OPTIONS = ['config', 'order', 'orders', 'out', 'out-dir'] as const;

/** `values` with every path option made absolute by {@link userPath}. */
function userPaths<T extends Partial<Record<string, string | boolean>>>(values: T): T {
  const resolved: Record<string, string | boolean | undefined> = { ...values };
  for (const name of PATH_OPTIONS) {
    const value = resolved[name];
    if (typeof value === 'string') resolved[name] = userPath(value);
  }
  return resolved as T;
}

/**
 * Every command of `pickpost`, one row each. The parser of each command and all help text are
 * built from these rows, so help cannot name an option the parser refuses, nor miss one.
 */
export const COMMANDS: readonly CliCommand[] = [
  defineCommand({
    name: 'demo',
    synopsis: 'demo [--out <dir>]',
    description:
      'run sample orders through all five configurations against the mock Post server (needs the repository)',
    options: {
      out: {
        type: 'string',
        value: '<dir>',
        description: 'where labels and DataTransfer files go (default: ./pickpost-demo)',
      },
    },
    run: ({ values }, io) => runDemo(io.out, userPath(values.out ?? 'pickpost-demo')),
  }),
  defineCommand({
    name: 'init',
    synopsis: 'init [--variant 1|2|3|4a|4b] [--out <file>]',
    description: 'write a commented starting pickpost.json; never replaces a file',
    options: {
      variant: {
        type: 'string',
        value: '<variant>',
        description: '1, 2, 3, 4a or 4b (default 1)',
      },
      out: {
        type: 'string',
        value: '<file>',
        description: 'where it goes (default: ./pickpost.json)',
      },
    },
    run: ({ values }, io) =>
      runInit(
        {
          ...(values.variant === undefined ? {} : { variant: values.variant }),
          out: userPath(values.out ?? 'pickpost.json'),
        },
        io.out,
      ),
  }),
  defineCommand({
    name: 'doctor',
    synopsis: 'doctor --config <file> [--specimen]',
    description:
      'check configuration, credentials, SFTP and store; sends nothing that makes a label, unless --specimen',
    options: {
      config,
      specimen: {
        type: 'boolean',
        description:
          'ask Swiss Post for one SPECIMEN label to your return address (checks the franking licence)',
      },
    },
    run: ({ values }, io) =>
      runDoctor(userPath(values.config), io.out, { specimen: values.specimen === true }),
  }),
  defineCommand({
    name: 'points',
    synopsis: 'points <zip> [--kinds pickpost,mypost24] [--limit n] [--config <file>]',
    description: 'PickPost points and My Post 24 terminals near a postcode',
    args: [{ name: 'zip', description: 'the postcode to search near, e.g. 8001' }],
    options: {
      kinds: {
        type: 'string',
        value: '<kinds>',
        description: 'pickpost, mypost24 or both, comma-separated (default: both)',
      },
      limit: { type: 'string', value: '<n>', description: 'at most this many points' },
      config: {
        type: 'string',
        value: '<file>',
        description: 'a configuration file, for its Post URLs, timeout and retries',
      },
    },
    run: ({ values, args }, io) => runPoints(args.zip, userPaths(values), io.out),
  }),
  defineCommand({
    name: 'label',
    synopsis: 'label --order <file.json> [--out <file>] [--overwrite] --config <file>',
    description: 'fulfil one order (idempotently) and write its label',
    options: {
      order: { type: 'string', value: '<file.json>', description: 'the order, as JSON' },
      out: {
        type: 'string',
        value: '<file>',
        description: 'where the label goes (default: its own file name)',
      },
      overwrite: { type: 'boolean', description: 'replace an existing file' },
      config,
    },
    run: ({ values }, io) => runLabel(userPaths(values), io.out),
  }),
  defineCommand({
    name: 'barcode',
    synopsis:
      'barcode <identcode> [--format <f>] [--resolution <dpi>] [--services <c>] [--out <f>] [--overwrite]',
    description:
      "the identcode barcode alone, at Swiss Post's size, for delivery notes and invoices",
    args: [{ name: 'identcode', description: 'the parcel identcode (18 digits, dots allowed)' }],
    options: {
      format: { type: 'string', value: '<f>', description: 'svg (default), png or pdf' },
      resolution: {
        type: 'string',
        value: '<dpi>',
        description: 'pixels per inch of a PNG (default 300; 250 at least)',
      },
      services: {
        type: 'string',
        value: '<codes>',
        description: 'service codes printed beside it, comma-separated (e.g. PRI,SI)',
      },
      out: {
        type: 'string',
        value: '<file>',
        description: 'where it goes (default: <identcode>-barcode.<format>)',
      },
      overwrite: { type: 'boolean', description: 'replace an existing file' },
    },
    run: ({ values, args }, io) => runBarcode(args.identcode, userPaths(values), io.out),
  }),
  defineCommand({
    name: 'labels',
    synopsis:
      'labels --orders <file.ndjson> (--out <file.pdf> | --out-dir <dir>) [--overwrite] --config <file>',
    description: 'labels of many orders, one merged PDF or one file each',
    options: {
      orders: {
        type: 'string',
        value: '<file.ndjson>',
        description: 'the orders, one JSON object a line',
      },
      out: { type: 'string', value: '<file.pdf>', description: 'one merged PDF of all labels' },
      'out-dir': { type: 'string', value: '<dir>', description: 'one file per label' },
      overwrite: { type: 'boolean', description: 'replace existing files' },
      config,
    },
    run: ({ values }, io) => runLabels(userPaths(values), io.out),
  }),
  defineCommand({
    name: 'datatransfer flush',
    synopsis: 'datatransfer flush --config <file>',
    description: 'deliver queued DataTransfer shipment data',
    options: { config },
    run: ({ values }, io) => runDataTransferFlush(userPaths(values), io.out),
  }),
  defineCommand({
    name: 'datatransfer check',
    synopsis: 'datatransfer check [--xsd <file>] [--samples <dir>] --config <file>',
    description:
      "write fresh DataTransfer files with your settings, validate them against Swiss Post's XSD and map its sample files",
    options: {
      xsd: {
        type: 'string',
        value: '<file>',
        description: 'the XSD Swiss Post sent you (default: dataTransfer.check.xsd)',
      },
      samples: {
        type: 'string',
        value: '<dir>',
        description: "a folder of Swiss Post's sample files (default: dataTransfer.check.samples)",
      },
      config,
    },
    run: ({ values }, io) =>
      runDataTransferCheck({ ...values, config: userPath(values.config) }, io.out),
  }),
  defineCommand({
    name: 'datatransfer reports',
    synopsis: 'datatransfer reports --config <file> [--no-fetch] [--json]',
    description: "fetch Swiss Post's DataTransfer reports and show each parcel's status",
    options: {
      config,
      'no-fetch': { type: 'boolean', description: 'only show the statuses stored so far' },
      json: { type: 'boolean', description: 'print one JSON document instead of a table' },
    },
    run: ({ values }, io) => runDataTransferReports(userPaths(values), io.out),
  }),
  defineCommand({
    name: 'recommend',
    synopsis:
      'recommend --parcels <n> [--no-web-services] [--own-barcodes] [--datatransfer] [--no-linkage]',
    description: 'which Swiss Post variant suits your shop, with the reasons',
    options: {
      parcels: { type: 'string', value: '<n>', description: 'parcels a month, roughly' },
      'no-web-services': {
        type: 'boolean',
        description: "the shop cannot program against Swiss Post's web services",
      },
      'own-barcodes': { type: 'boolean', description: 'the shop prints barcodes itself' },
      datatransfer: { type: 'boolean', description: 'the shop can deliver DataTransfer files' },
      'no-linkage': {
        type: 'boolean',
        description: 'Swiss Post need not link customer and shipment data',
      },
    },
    run: ({ values }, io) => runRecommend(values, io.out),
  }),
  defineCommand({
    name: 'help',
    synopsis: 'help [<command> [<subcommand>]]',
    description: 'show this text, or the options of one command',
    args: [
      { name: 'command', description: 'the command to explain', optional: true },
      {
        name: 'subcommand',
        description: 'of a group: flush in datatransfer flush',
        optional: true,
      },
    ],
    options: {},
    run: ({ args }, io) => {
      if (args.command === undefined) {
        io.out(formatUsage(COMMANDS, CONFIG_NOTE));
        return 0;
      }
      const words = [args.command, ...(args.subcommand === undefined ? [] : [args.subcommand])];
      const { command, rest } = find(words);
      if (command === undefined || rest.length > 0) {
        throw new UsageError(`Unknown command: ${words.join(' ')}`);
      }
      io.out(formatCommandHelp(command));
      return 0;
    },
  }),
];

/** The row `argv` names (one or two words) and the words after its name. */
function find(argv: readonly string[]): { command?: CliCommand; rest: readonly string[] } {
  for (const command of COMMANDS) {
    const words = command.name.split(' ');
    if (words.every((word, index) => argv[index] === word)) {
      return { command, rest: argv.slice(words.length) };
    }
  }
  return { rest: argv };
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
  const [first] = argv;
  if (first === undefined || first === '--help' || first === '-h') {
    io.out(formatUsage(COMMANDS, CONFIG_NOTE));
    return first === undefined ? 1 : 0;
  }
  const { command, rest } = find(argv);
  if (command === undefined) {
    // A group such as `datatransfer` without a command of it: show the commands it has.
    const group = COMMANDS.filter((row) => row.name.startsWith(`${first} `));
    if (group.length > 0) {
      io.err(group.map((row) => `Usage: pickpost ${row.synopsis}`).join('\n'));
    } else {
      io.err(`Unknown command: ${first}\n\n${formatUsage(COMMANDS, CONFIG_NOTE)}`);
    }
    return 1;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(error.message);
    } else if (isConfigError(error)) {
      io.err('Error: the configuration is not valid:');
      for (const issue of error.issues) io.err(`  ${issue.path}: ${issue.message}`);
      io.err(`The configuration file is described in ${CONFIG_DOCS_URL}`);
    } else {
      io.err(`Error: ${errorText(error)}`);
    }
    return 1;
  }
}
