import type { ParseArgsConfig } from 'node:util';
import { parseArgs } from 'node:util';
import { formatCommandHelp, optionName } from './output/help';

/** Where a command writes: `out` for results, `err` for what went wrong. */
export interface CliIo {
  /** Writes one line of results (stdout in the CLI). */
  out: (line: string) => void;
  /** Writes one line of what went wrong (stderr in the CLI). */
  err: (line: string) => void;
}

/** One `--option` of a command: what `parseArgs` needs, plus what `--help` prints. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  /** What the value looks like in help, for string options: `<file>`, `<n>`. */
  value?: string;
  description: string;
  /** Refused before the command runs when missing. */
  required?: boolean;
}

/** One positional argument, e.g. the `<zip>` of `points`. */
export interface ArgSpec {
  name: string;
  description: string;
  optional?: boolean;
}

type OptionValue<S extends OptionSpec> = S['type'] extends 'boolean' ? boolean : string;

/** The parsed options: required ones are present, the others may be absent. */
export type OptionValues<O extends Record<string, OptionSpec>> = {
  [K in keyof O as O[K] extends { required: true } ? K : never]: OptionValue<O[K]>;
} & {
  [K in keyof O as O[K] extends { required: true } ? never : K]?: OptionValue<O[K]>;
};

/** The positional arguments by name: required ones are present. */
export type ArgValues<A extends readonly ArgSpec[]> = {
  [S in A[number] as S extends { optional: true } ? never : S['name']]: string;
} & {
  [S in A[number] as S extends { optional: true } ? S['name'] : never]?: string;
};

/** What a command is declared with; `defineCommand` turns it into a {@link CliCommand}. */
export interface CommandDefinition<
  O extends Record<string, OptionSpec>,
  A extends readonly ArgSpec[],
> {
  /** The words that select it: `doctor`, `datatransfer flush`. */
  name: string;
  /** The command line as help shows it, after `pickpost `. */
  synopsis: string;
  /** One line: what the command does. */
  description: string;
  options: O;
  args?: A;
  run(input: { values: OptionValues<O>; args: ArgValues<A> }, io: CliIo): Promise<number> | number;
}

/** A row of the command table, its types erased so rows of any shape sit in one list. */
export interface CliCommand {
  name: string;
  synopsis: string;
  description: string;
  options: Readonly<Record<string, OptionSpec>>;
  args: readonly ArgSpec[];
  /** Parses `argv` (the words after the command's name) against the row and runs it. */
  run(argv: readonly string[], io: CliIo): Promise<number>;
}

/** Bad command-line input: unknown or malformed options, missing arguments. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** `--help` / `-h`, which every command takes. */
const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const;

function refuseUnknownOptions(command: CliCommand, argv: readonly string[]): void {
  const { tokens } = parseArgs({
    args: [...argv],
    options: { ...parserOptions(command.options), ...HELP_OPTION },
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  for (const token of tokens) {
    if (token.kind !== 'option' || token.name in command.options || token.name in HELP_OPTION) {
      continue;
    }
    const known = [...Object.keys(command.options), 'help'].map((name) => `--${name}`);
    throw new UsageError(
      `Unknown option ${token.rawName} for pickpost ${command.name} (it takes ${known.join(', ')}).`,
    );
  }
}

function parserOptions(
  options: Readonly<Record<string, OptionSpec>>,
): NonNullable<ParseArgsConfig['options']> {
  return Object.fromEntries(Object.entries(options).map(([name, { type }]) => [name, { type }]));
}

/**
 * Declares a command from its row: the parser is built from `options` and `args`, and help is
 * printed from the same row, so they cannot drift. Before `run` is called, unknown options,
 * malformed values, missing required options and arguments, and extra arguments are refused
 * with a {@link UsageError} naming them; `--help` prints the command's help instead.
 *
 * @example
 * const greet = defineCommand({
 *   name: 'greet',
 *   synopsis: 'greet <name> [--loud]',
 *   description: 'say hello',
 *   options: { loud: { type: 'boolean', description: 'in capitals' } },
 *   args: [{ name: 'name', description: 'who to greet' }],
 *   run: ({ values, args }, io) => (io.out(values.loud ? args.name.toUpperCase() : args.name), 0),
 * });
 * await greet.run(['Hans', '--loud'], io); // prints HANS
 */
export function defineCommand<
  const O extends Record<string, OptionSpec>,
  const A extends readonly ArgSpec[] = readonly [],
>(definition: CommandDefinition<O, A>): CliCommand {
  const args: readonly ArgSpec[] = definition.args ?? [];
  const command: CliCommand = {
    name: definition.name,
    synopsis: definition.synopsis,
    description: definition.description,
    options: definition.options,
    args,
    async run(argv, io) {
      refuseUnknownOptions(command, argv);
      let parsed: ReturnType<typeof parseArgs>;
      try {
        parsed = parseArgs({
          args: [...argv],
          options: { ...parserOptions(definition.options), ...HELP_OPTION },
          allowPositionals: args.length > 0,
        });
      } catch (error) {
        throw new UsageError(
          `pickpost ${command.name}: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      if (parsed.values.help === true) {
        io.out(formatCommandHelp(command));
        return 0;
      }
      for (const [name, spec] of Object.entries(definition.options)) {
        if (spec.required === true && parsed.values[name] === undefined) {
          throw new UsageError(`This command needs ${optionName(name, spec)}.`);
        }
      }
      if (parsed.positionals.length > args.length) {
        throw new UsageError(
          `Unexpected argument ${parsed.positionals[args.length]}. Usage: pickpost ${command.synopsis}`,
        );
      }
      const named: Record<string, string> = {};
      for (const [index, arg] of args.entries()) {
        const value = parsed.positionals[index];
        if (value !== undefined) named[arg.name] = value;
        else if (arg.optional !== true) {
          throw new UsageError(
            `Give <${arg.name}> (${arg.description}). Usage: pickpost ${command.synopsis}`,
          );
        }
      }
      const { help: _help, ...values } = parsed.values;
      // The checks above made the parsed values what the row declares; parseArgs' own types
      // cannot see the row's `required` flags and argument names.
      return definition.run({ values: values as OptionValues<O>, args: named as ArgValues<A> }, io);
    },
  };
  return command;
}
