import { parseArgs } from 'node:util';
import { isConfigError } from '@pickpost/core';
import { runLabels, runServe, runSyncOnce } from './cli-commands';
import type { CliIo } from './cli-context';
import { runDeadLetters, runDoctor } from './cli-doctor';

interface Option {
  type: 'string' | 'boolean';
  value?: string;
  description: string;
  required?: boolean;
}

interface Command {
  synopsis: string;
  description: string;
  options: Record<string, Option>;
  run(values: Record<string, string | boolean | undefined>, io: CliIo): Promise<number>;
}

const config: Option = {
  type: 'string',
  value: '<file>',
  description: 'the configuration file (shop.json)',
  required: true,
};

/** Every command, one row each: the parser and the help come from the same row. */
export const COMMANDS: Readonly<Record<string, Command>> = {
  serve: {
    synopsis: 'serve --config <file>',
    description: 'webhooks, checkout API, labels and health over HTTP, and the sync worker',
    options: { config },
    run: (values, io) => runServe(values as { config: string }, io),
  },
  sync: {
    synopsis: 'sync --once --config <file>',
    description: 'poll the shop once, make every due label, write back, flush DataTransfer',
    options: {
      config,
      once: { type: 'boolean', description: 'one pass, then exit (required)', required: true },
    },
    run: (values, io) => runSyncOnce(values as { config: string }, io),
  },
  labels: {
    synopsis: 'labels --config <file> --out <file> [--status <s>] [--sheet a4] [--start <n>]',
    description: 'the labels of the orders in a status as one merged PDF',
    options: {
      config,
      out: { type: 'string', value: '<file>', description: 'the PDF to write', required: true },
      status: { type: 'string', value: '<s>', description: 'order status (default processing)' },
      sheet: { type: 'string', value: '<s>', description: 'label (default) or a4: 4 A6 a page' },
      start: { type: 'string', value: '<n>', description: 'on A4, the first position (1-4)' },
    },
    run: (values, io) => runLabels(values as { config: string; out: string }, io),
  },
  doctor: {
    synopsis: 'doctor --config <file>',
    description: 'check the shop, the key, the webhooks, Swiss Post and the store',
    options: { config },
    run: (values, io) => runDoctor(values as { config: string }, io),
  },
  'dead-letters': {
    synopsis: 'dead-letters --config <file> [--retry <order id>]',
    description: 'orders that failed for good; --retry queues a fixed one again',
    options: {
      config,
      retry: { type: 'string', value: '<id>', description: 'queue this order again' },
    },
    run: (values, io) => runDeadLetters(values as { config: string }, io),
  },
};

const optionText = (name: string, option: Option) =>
  `--${name}${option.value === undefined ? '' : ` ${option.value}`}`;

/** The usage of every command (each line ≤ 100 characters). */
export function usage(): string {
  const lines = ['Usage: pickpost-woocommerce <command> [options]', '', 'Commands:'];
  for (const command of Object.values(COMMANDS)) {
    lines.push(`  ${command.synopsis}`, `      ${command.description}`);
  }
  lines.push(
    '',
    'Secrets in the configuration are written "env:NAME" and read from the environment.',
    'Run pickpost-woocommerce <command> --help for its options.',
  );
  return lines.join('\n');
}

function commandHelp(name: string, command: Command): string {
  const lines = [
    'Usage:',
    `  pickpost-woocommerce ${command.synopsis}`,
    '',
    command.description,
    '',
  ];
  for (const [option, spec] of Object.entries(command.options))
    lines.push(`  ${optionText(option, spec).padEnd(18)} ${spec.description}`);
  lines.push(`  ${'--help'.padEnd(18)} this help (${name})`);
  return lines.join('\n');
}

/**
 * Runs `pickpost-woocommerce` with its arguments; returns the exit code (0 done, 1 failed,
 * 2 bad usage). Errors are printed as one line, their secrets redacted.
 *
 * @example
 * process.exitCode = await runCli(process.argv.slice(2));
 */
export async function runCli(
  argv: readonly string[],
  io: CliIo = {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(line.startsWith('\r') ? line : `${line}\n`),
    errIsTty: process.stderr.isTTY === true,
    env: process.env,
  },
): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(usage());
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (command === undefined) {
    io.err(`Unknown command ${name}.\n${usage()}`);
    return 2;
  }
  let values: Record<string, string | boolean | undefined>;
  try {
    const options = Object.fromEntries(
      Object.entries(command.options).map(([key, spec]) => [key, { type: spec.type }]),
    );
    values = parseArgs({
      args: [...rest],
      options: { ...options, help: { type: 'boolean', short: 'h' } },
    }).values;
  } catch (error) {
    io.err(
      `${error instanceof Error ? error.message : String(error)}\n${commandHelp(name, command)}`,
    );
    return 2;
  }
  if (values.help === true) {
    io.out(commandHelp(name, command));
    return 0;
  }
  for (const [key, spec] of Object.entries(command.options)) {
    if (spec.required === true && values[key] === undefined) {
      io.err(`pickpost-woocommerce ${name} needs ${optionText(key, spec)}.`);
      return 2;
    }
  }
  try {
    return await command.run(values, io);
  } catch (error) {
    if (isConfigError(error)) {
      io.err('The configuration cannot be used:');
      for (const issue of error.issues) io.err(`  ${issue.path || '(file)'}: ${issue.message}`);
      return 1;
    }
    io.err(error instanceof Error ? error.message : String(error));
    return 1;
  }
}
