import type { CliCommand, OptionSpec } from '../command-spec';

/** How an option reads in help and in messages: `--config <file>`, `--specimen`. */
export const optionName = (name: string, spec: OptionSpec): string =>
  spec.type === 'string' && spec.value !== undefined ? `--${name} ${spec.value}` : `--${name}`;

/** Help lines are wrapped to this many columns. */
const WIDTH = 100;

/**
 * The help of one command, from its row: synopsis, description, arguments and every option.
 *
 * @example
 * io.out(formatCommandHelp(command));
 */
export function formatCommandHelp(command: CliCommand): string {
  const rows: [string, string][] = [
    ...command.args.map((arg): [string, string] => [`<${arg.name}>`, arg.description]),
    ...Object.entries(command.options).map(([name, spec]): [string, string] => [
      optionName(name, spec),
      spec.required === true ? `${spec.description}; required` : spec.description,
    ]),
    ['-h, --help', 'show this text'],
  ];
  return [
    `Usage: pickpost ${command.synopsis}`,
    '',
    command.description,
    '',
    command.args.length > 0 ? 'Arguments and options:' : 'Options:',
    ...formatColumns(rows),
  ].join('\n');
}

/**
 * `pickpost --help`: every command of the table with its synopsis and description.
 *
 * @example
 * io.out(formatUsage(COMMANDS, 'Configuration files hold …'));
 */
export function formatUsage(commands: readonly CliCommand[], footer: string): string {
  return [
    'Usage: pickpost <command> [options]',
    '',
    'Commands:',
    ...formatColumns(commands.map((command) => [command.synopsis, command.description])),
    '',
    'Run "pickpost <command> --help" for the options of one command.',
    '',
    footer,
  ].join('\n');
}

/** Two columns, the second wrapped at {@link WIDTH}; a long first cell gets a line of its own. */
function formatColumns(rows: readonly (readonly [string, string])[]): string[] {
  const column = Math.min(Math.max(...rows.map(([left]) => left.length)) + 4, 45);
  const lines: string[] = [];
  for (const [left, right] of rows) {
    const wrapped = wrap(right, WIDTH - column);
    const first = `  ${left}`;
    if (first.length + 2 > column) lines.push(first);
    else lines.push(`${first.padEnd(column)}${wrapped.shift() ?? ''}`.trimEnd());
    for (const line of wrapped) lines.push(`${' '.repeat(column)}${line}`);
  }
  return lines;
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines;
}
