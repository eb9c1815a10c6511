import { describe, expect, it } from 'vitest';
import { COMMANDS, runCli } from '../src/cli';

/** Runs the CLI in this process, collecting what it prints. */
async function pickpost(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const rows = COMMANDS.map((command) => [command.name, command] as const);
const sampleValue = (type: 'string' | 'boolean') => (type === 'string' ? ['x'] : []);

describe('pickpost help, from the command table', () => {
  it('lists every command of the table with its synopsis and description', async () => {
    const help = await pickpost(['--help']);
    expect(help.code).toBe(0);
    for (const command of COMMANDS) {
      expect(help.out).toContain(`  ${command.synopsis}`);
      expect(help.out.replace(/\s+/g, ' ')).toContain(command.description);
    }
    expect((await pickpost(['help'])).out).toBe(help.out);
    // Without a command it shows the same text, but as a failure.
    expect(await pickpost([])).toEqual({ code: 1, out: help.out, err: '' });
    for (const line of help.out.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
  });

  it.each(rows)(
    'names every option of %s in its synopsis and its own help',
    async (name, command) => {
      const help = await pickpost([...name.split(' '), '--help']);
      expect(help.code).toBe(0);
      expect(help.out).toContain(`Usage: pickpost ${command.synopsis}`);
      const flat = help.out.replace(/\s+/g, ' ');
      for (const [option, spec] of Object.entries(command.options)) {
        expect(command.synopsis).toContain(`--${option}`);
        expect(help.out).toMatch(new RegExp(`^  --${option}\\b`, 'm'));
        expect(flat).toContain(spec.description);
      }
      for (const arg of command.args) expect(help.out).toContain(`<${arg.name}>`);
      expect((await pickpost(['help', ...name.split(' ')])).out).toBe(help.out);
    },
  );

  it.each(rows)('parses every option %s declares', async (name, command) => {
    // With --help the command prints its help instead of running: the parser took them all.
    const options = Object.entries(command.options).flatMap(([option, spec]) => [
      `--${option}`,
      ...sampleValue(spec.type),
    ]);
    const result = await pickpost([...name.split(' '), ...options, '--help']);
    expect(result).toMatchObject({ code: 0, err: '' });
  });

  it.each(rows)('refuses an unknown option of %s, naming it', async (name) => {
    const result = await pickpost([...name.split(' '), '--colour', 'red']);
    expect(result.code).toBe(1);
    expect(result.out).toBe('');
    expect(result.err).toContain(`Unknown option --colour for pickpost ${name}`);
  });

  it('names a missing required option, a missing argument and an unknown command', async () => {
    expect(await pickpost(['doctor'])).toEqual({
      code: 1,
      out: '',
      err: 'This command needs --config <file>.',
    });
    expect((await pickpost(['points'])).err).toMatch(/^Give <zip> \(the postcode/);
    expect((await pickpost(['points', '8001', '3000'])).err).toMatch(/^Unexpected argument 3000/);
    expect((await pickpost(['label', '--config'])).err).toContain(
      "'--config <value>' argument missing",
    );
    // The group lists each of its commands, one usage line each (other commands may join it).
    const group = (await pickpost(['datatransfer'])).err.split('\n');
    expect(group).toContain('Usage: pickpost datatransfer flush --config <file>');
    expect(group).toContain(
      'Usage: pickpost datatransfer check [--xsd <file>] [--samples <dir>] --config <file>',
    );
    expect(group).toContain(
      'Usage: pickpost datatransfer reports --config <file> [--no-fetch] [--json]',
    );
    expect((await pickpost(['frob'])).err).toMatch(/^Unknown command: frob\n/);
    expect(await pickpost(['help', 'frob'])).toEqual({
      code: 1,
      out: '',
      err: 'Unknown command: frob',
    });
  });
});
