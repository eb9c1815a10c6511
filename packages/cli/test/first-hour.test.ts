/**
 * The first hour of a new user (issue 19): the commands a newcomer types on a fresh clone, run as
 * child processes through pnpm from a folder outside the repository, as a user would.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MockPostServer } from '@pickpost/mock-post-server';
import { createMockPostServer } from '@pickpost/mock-post-server';
import { VELO_SHOP } from '@pickpost/test-utils/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INIT_VARIANTS, initTemplate } from '../src/commands/init-template';
import { runRecommend } from '../src/commands/recommend';
import { loadCliConfig } from '../src/config-file';
import type { ChildResult } from './run-child';
import { runChild } from './run-child';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const SELECTION_SECRET = 'first-hour-selection-secret-0123456789';

/** `pnpm pickpost …` at the repository root, typed in `cwd` (pnpm passes it on as INIT_CWD). */
function pnpmPickpost(
  cwd: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<ChildResult> {
  return runChild('pnpm', ['--dir', root, 'pickpost', ...args], {
    cwd,
    timeout: 60_000,
    env: { ...process.env, INIT_CWD: '', ...env },
  });
}

let dir: string;
let post: MockPostServer;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pickpost-first-hour-'));
  post = await createMockPostServer({
    sftp: {
      accounts: [{ username: 'shop', password: 'sftp-pass', frankingLicenses: ['60013217'] }],
    },
  });
});
afterAll(async () => {
  await post.close();
  await rm(dir, { recursive: true, force: true });
});

async function folder(name: string): Promise<string> {
  const path = join(dir, name);
  await mkdir(path, { recursive: true });
  return path;
}

describe('pnpm pickpost from the root of a clone', () => {
  it('reads --config from the folder the user typed in and writes nothing elsewhere', async () => {
    const here = await folder('typed-here');
    const init = await pnpmPickpost(here, ['init', '--variant', '4b']);
    expect(init.code).toBe(0);
    expect(init.stdout).toContain(join(here, 'pickpost.json'));
    const doctor = await pnpmPickpost(here, ['doctor', '--config', 'pickpost.json'], {
      PICKPOST_SELECTION_SECRET: SELECTION_SECRET,
    });
    expect(doctor.stdout).toContain('✔ configuration: variant 4b');
    expect(doctor.stdout).toContain(`directory ${join(here, 'outbox')}`);
    // The check says where the database will go but does not create it.
    expect(doctor.stdout).toContain(`${join(here, 'pickpost.db')} does not exist yet`);
    expect(doctor.code).toBe(0);
    expect((await readdir(here)).sort()).toEqual(['outbox', 'pickpost.json']);
    expect(await readdir(root)).not.toContain('pickpost.db');
    expect(await readdir(join(root, 'packages/cli'))).not.toContain('pickpost.db');
  });

  it('names the absolute path and the reason when the file is missing', async () => {
    const here = await folder('no-config');
    const { code, stdout } = await pnpmPickpost(here, ['doctor', '--config', 'missing.json']);
    expect(code).toBe(1);
    expect(stdout).toContain(
      `cannot read the configuration file ${join(here, 'missing.json')}: no such file`,
    );
    // The documentation it points to is a file that exists, with the section it names.
    const link = /described in (file:\S+)#([a-z-]+)/.exec(stdout);
    expect(link?.[2]).toBe('configuration-file');
    const readme = await readFile(fileURLToPath(link?.[1] ?? 'file:///missing'), 'utf8');
    expect(readme).toMatch(/^## Configuration file$/m);
  });

  it('an SFTP check prints its verdict for the right and a wrong host key, and nothing else', async () => {
    const here = await folder('sftp');
    const sftp = post.sftp;
    if (sftp === undefined) throw new Error('the mock Post server started no SFTP server');
    const config = (hostKeySha256: string) => ({
      variant: '4b',
      frankingLicense: '60013217',
      sender: VELO_SHOP,
      dataTransfer: {
        transport: {
          type: 'sftp',
          host: sftp.host,
          port: sftp.port,
          username: 'shop',
          password: 'env:FIRST_HOUR_SFTP_PASSWORD',
          hostKeySha256,
        },
      },
      selectionSecret: SELECTION_SECRET,
      store: { type: 'memory' },
    });
    const env = { FIRST_HOUR_SFTP_PASSWORD: 'sftp-pass' };
    await writeFile(join(here, 'good.json'), JSON.stringify(config(sftp.hostKeyFingerprint)));
    // A host key copied wrongly: the connection is dropped mid-handshake, the case in which
    // ssh2-sftp-client's default listeners printed their line.
    await writeFile(join(here, 'wrong-key.json'), JSON.stringify(config('0'.repeat(64))));
    const good = await pnpmPickpost(here, ['doctor', '--config', 'good.json'], env);
    expect(good.stdout).toContain('✔ DataTransfer SFTP server and host key');
    expect(good.code).toBe(0);
    const wrong = await pnpmPickpost(here, ['doctor', '--config', 'wrong-key.json'], env);
    expect(wrong.stdout).toContain('✖ DataTransfer SFTP server and host key');
    expect(wrong.code).toBe(1);
    for (const run of [good, wrong])
      expect(`${run.stdout}${run.stderr}`).not.toMatch(/Global (close|end|error) listener/);
  });
});

describe('pickpost init', () => {
  it('never replaces an existing file', async () => {
    const here = await folder('init-existing');
    await writeFile(join(here, 'pickpost.json'), '{ "mine": true }');
    const { code, stderr } = await pnpmPickpost(here, ['init', '--variant', '2']);
    expect(code).toBe(1);
    expect(stderr).toContain(`${join(here, 'pickpost.json')} already exists`);
    expect(await readFile(join(here, 'pickpost.json'), 'utf8')).toBe('{ "mine": true }');
  });

  it('refuses a variant that does not exist', async () => {
    const here = await folder('init-bad');
    const { code, stderr } = await pnpmPickpost(here, ['init', '--variant', '5']);
    expect(code).toBe(1);
    expect(stderr).toContain('--variant must be one of 1, 2, 3, 4a, 4b');
    expect(await readdir(here)).toEqual([]);
  });

  it.each(INIT_VARIANTS)(
    'writes a commented file for variant %s that loads as written',
    async (variant) => {
      const path = join(await folder(`init-${variant}`), 'pickpost.json');
      const text = initTemplate(variant);
      expect(text).toMatch(/^\/\/ /m);
      await writeFile(path, text);
      const { config, store } = await loadCliConfig(path, {
        POST_CLIENT_ID: 'id',
        POST_CLIENT_SECRET: 'secret',
        PICKPOST_SELECTION_SECRET: SELECTION_SECRET,
      });
      expect(String(config.variant)).toBe(variant);
      expect(store).toEqual({ type: 'sqlite', filename: join(path, '..', 'pickpost.db') });
    },
  );

  it('loads as the root README shows it, with its secrets from the environment', async () => {
    const readme = await readFile(join(root, 'README.md'), 'utf8');
    const shown = /### The configuration file[\s\S]*?```json\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(shown).toBeDefined();
    const path = join(await folder('readme'), 'pickpost.json');
    await writeFile(path, shown ?? '');
    const config = await loadCliConfig(path, {
      PICKPOST_SELECTION_SECRET: SELECTION_SECRET,
      POST_CLIENT_ID: 'client-id',
      POST_CLIENT_SECRET: 'client-secret-value',
      PICKPOST_SFTP_KEY:
        '-----BEGIN OPENSSH PRIVATE KEY-----\nkey\n-----END OPENSSH PRIVATE KEY-----',
    });
    expect(JSON.stringify(config)).toContain('"variant":2');
    expect(JSON.stringify(config)).toContain('client-secret-value');
  });

  it('is what the CLI README shows for each variant', async () => {
    const readme = await readFile(join(root, 'packages/cli/README.md'), 'utf8');
    for (const variant of INIT_VARIANTS) {
      expect(readme).toContain(`\`\`\`jsonc\n${initTemplate(variant)}\`\`\``);
    }
  });
});

describe('configuration errors', () => {
  async function issuesOf(name: string, text: string): Promise<string[]> {
    const path = join(await folder('errors'), name);
    await writeFile(path, text);
    try {
      await loadCliConfig(path, { PICKPOST_SELECTION_SECRET: SELECTION_SECRET });
    } catch (error) {
      return (error as { issues: { path: string; message: string }[] }).issues.map(
        (issue) => `${issue.path}: ${issue.message}`,
      );
    }
    throw new Error(`${name} loaded`);
  }

  it('reads comments and trailing commas, and names line and column of a syntax error', async () => {
    const path = join(await folder('errors'), 'broken.json');
    const issues = await issuesOf(
      'broken.json',
      '{\n  // fine\n  "variant": 3,\n  "sender": {\n    "name1" "x"\n  }\n}\n',
    );
    expect(issues).toEqual([`: ${path}:5:13: not valid JSON (ColonExpected)`]);
  });

  it('says "is required" for a missing field and flags unknown keys at any depth', async () => {
    const issues = await issuesOf(
      'missing.json',
      JSON.stringify({
        variant: '4b',
        sender: { ...VELO_SHOP, zipCode: '8001' },
        dataTransfer: { transport: { type: 'directory', dir: 'out', mode: 1 } },
        selectionSecret: 'env:PICKPOST_SELECTION_SECRET',
        store: { type: 'memory' },
      }),
    );
    expect(issues).toContain('frankingLicense: is required');
    expect(issues).toContain('sender.zipCode: is not a known setting (check its spelling)');
    expect(issues).toContain(
      'dataTransfer.transport.mode: is not a known setting (check its spelling)',
    );
  });

  it('refuses "variant": "2" with the hint to write the number', async () => {
    const issues = await issuesOf('string-variant.json', '{ "variant": "2" }');
    expect(issues).toContain(
      'variant: must be the number 2, not the string "2": write "variant": 2 (only "4a" and "4b" are strings)',
    );
  });
});

describe('pickpost recommend', () => {
  function recommend(args: Parameters<typeof runRecommend>[0]): string {
    const lines: string[] = [];
    runRecommend(args, (line) => lines.push(line));
    return lines.join('\n');
  }

  it('explains why 300 parcels with own barcodes and DataTransfer is variant 1, not 2', () => {
    expect(
      recommend({ parcels: '300', 'own-barcodes': true, datatransfer: true }),
    ).toMatchSnapshot();
  });

  it('explains a shop without web services', () => {
    expect(recommend({ parcels: '50', 'no-web-services': true })).toMatchSnapshot();
  });
});

describe('the install', () => {
  it('builds better-sqlite3 from source, quietly, against the installed Node headers', () => {
    const pnpmfile = createRequire(import.meta.url)(join(root, '.pnpmfile.cjs')) as {
      hooks: { updateConfig(config: { extraEnv?: Record<string, string> }): typeof config };
    };
    // pnpm passes the setting on to the scripts it runs, this one included: the hook is
    // asked as on a fresh install, without it.
    const { npm_config_nodedir: passedOn } = process.env;
    delete process.env.npm_config_nodedir;
    const config = pnpmfile.hooks.updateConfig({ extraEnv: { KEPT: 'yes' } });
    if (passedOn !== undefined) process.env.npm_config_nodedir = passedOn;
    if (!existsSync('/usr/include/node/node_version.h')) {
      // Without Node's headers the hook changes nothing and node-gyp fetches them itself.
      expect(config.extraEnv).toEqual({ KEPT: 'yes' });
      return;
    }
    expect(config.extraEnv).toMatchObject({
      KEPT: 'yes',
      npm_config_nodedir: '/usr',
      // No download attempt of a prebuilt binary from GitHub, which only the npm registry
      // machines cannot reach; no node-gyp progress log; no warnings from the C++ sources.
      npm_config_build_from_source: 'true',
      npm_config_loglevel: process.env.npm_config_loglevel ?? 'error',
      CXXFLAGS: process.env.CXXFLAGS ?? '-w',
    });
  });
});
