/**
 * What a shop gets from the registry (issue 21): every publishable package packed as `pnpm
 * publish` would pack it, installed with npm into a fresh project outside the workspace (the
 * tarballs' own dependencies from the registry), and programs run there as a user writes them:
 * ES modules and CommonJS, an Express app, the CLI, and TypeScript consumers. Nothing here
 * resolves into the workspace: the project has its own node_modules.
 */
import { execFile, spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { MockPostServer } from '@pickpost/mock-post-server';
import { createMockPostServer, DEMO_CLIENT } from '@pickpost/mock-post-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishablePackages, tarballFiles } from './packages';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../..', import.meta.url));
const programs = fileURLToPath(new URL('./programs/', import.meta.url));

let work: string;
let project: string;
let post: MockPostServer;
const tarballs = new Map<string, string>();

async function node(args: string[], env: Record<string, string> = {}) {
  return run(process.execPath, args, {
    cwd: project,
    timeout: 60_000,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      PICKPOST_INSTALL: JSON.stringify({
        baseUrls: post.baseUrls,
        clientId: DEMO_CLIENT.clientId,
        clientSecret: DEMO_CLIENT.clientSecret,
        dir: project,
      }),
      ...env,
    },
  });
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'pickpost-install-'));
  project = join(work, 'shop');
  const packed = join(work, 'tarballs');
  await mkdir(packed);
  for (const pkg of await publishablePackages(root)) {
    const before = new Set(await readdir(packed));
    await run('pnpm', ['pack', '--pack-destination', packed], { cwd: pkg.dir, timeout: 120_000 });
    const [file] = (await readdir(packed)).filter((name) => !before.has(name));
    if (file === undefined) throw new Error(`pnpm pack wrote nothing for ${pkg.name}`);
    tarballs.set(pkg.name, join(packed, file));
  }
  await mkdir(project);
  const local = Object.fromEntries([...tarballs].map(([name, file]) => [name, `file:${file}`]));
  await writeFile(
    join(project, 'package.json'),
    JSON.stringify(
      {
        name: 'a-shop',
        private: true,
        // Medusa's framework is the provider's peer, and ioredis a module of Medusa's HTTP layer
        // that @medusajs/medusa brings along: a Medusa application has both.
        dependencies: {
          ...local,
          express: '5.3.0',
          '@medusajs/framework': '2.21.2',
          ioredis: '5.11.1',
        },
        devDependencies: { '@types/node': '20.19.43', '@types/express': '5.0.6' },
        // The packages depend on each other by version: these are the tarballs, not the registry.
        overrides: local,
      },
      null,
      2,
    ),
  );
  await cp(programs, project, { recursive: true });
  // Install scripts off: better-sqlite3's own build is what the workspace install compiles
  // (see .pnpmfile.cjs); its binary for this Node is copied below, as a prebuilt one would be.
  await run('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: project,
    timeout: 600_000,
  });
  const workspaceSqlite = dirname(
    createRequire(join(root, 'packages/store-sqlite/package.json')).resolve(
      'better-sqlite3/package.json',
    ),
  );
  const installedSqlite = join(project, 'node_modules', 'better-sqlite3');
  const version = async (dir: string) =>
    JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')).version as string;
  expect(await version(installedSqlite)).toBe(await version(workspaceSqlite));
  await cp(join(workspaceSqlite, 'build'), join(installedSqlite, 'build'), { recursive: true });
  post = await createMockPostServer();
}, 900_000);

afterAll(async () => {
  await post?.close();
  if (work !== undefined) await rm(work, { recursive: true, force: true });
});

describe('the packages as a shop installs them', () => {
  it('hold no tests, fixtures, snapshots or benchmarks, only what their `files` name', async () => {
    for (const [name, file] of tarballs) {
      const files = await tarballFiles(file);
      expect(files, name).toContain('package/package.json');
      expect(files, name).toContain('package/README.md');
      const stray = files.filter((path) =>
        /\.test\.|__snapshots__|\/fixtures?\/|\/bench\/|\/test\/|vitest\.config/.test(path),
      );
      expect(stray, name).toEqual([]);
    }
  });

  it('run variant 2 as ES modules: a label and a DataTransfer file', async () => {
    const { stdout } = await node(['variant-2.mjs']);
    const result = JSON.parse(stdout);
    expect(result.identcode).toMatch(/^9960013217\d{8}$/);
    expect(result.label).toBe('%PDF-');
    expect(result.delivered).toBe(1);
    expect(await readdir(join(project, 'outbox-esm'))).toContain(result.files[0]);
  });

  it('run variant 2 through require(), as CommonJS hosts load it', async () => {
    const { stdout } = await node(['variant-2.cjs']);
    const result = JSON.parse(stdout);
    expect(result.identcode).toMatch(/^9960013217\d{8}$/);
    expect(result.label).toBe('%PDF-');
    expect(await readdir(join(project, 'outbox-cjs'))).toContain(result.files[0]);
  });

  it('serve the widget and a point search from an Express app', async () => {
    const child = spawn(process.execPath, ['express-app.mjs'], {
      cwd: project,
      env: {
        PATH: process.env.PATH ?? '',
        PICKPOST_INSTALL: JSON.stringify({
          baseUrls: post.baseUrls,
          clientId: DEMO_CLIENT.clientId,
          clientSecret: DEMO_CLIENT.clientSecret,
          dir: project,
        }),
      },
    });
    try {
      const port = await new Promise<number>((resolve, reject) => {
        child.stdout.once('data', (data: Buffer) => resolve(JSON.parse(String(data)).port));
        child.once('exit', (code) => reject(new Error(`the app exited with ${code}`)));
      });
      const widget = await fetch(`http://127.0.0.1:${port}/pickpost/widget.js`);
      expect(widget.status).toBe(200);
      expect(await widget.text()).toContain('pickpost-point-picker');
      const points = await fetch(`http://127.0.0.1:${port}/pickpost/points?zip=8001`);
      expect(points.status).toBe(200);
      const body = (await points.json()) as { points: Array<{ zip: string }> };
      expect(body.points.length).toBeGreaterThan(0);
    } finally {
      child.kill();
    }
  });

  it('give a working pickpost command, and say that the demo needs a clone', async () => {
    const bin = join(project, 'node_modules', '.bin', 'pickpost');
    const help = await node([bin, '--help']);
    expect(help.stdout).toContain('recommend --parcels');
    const advice = await node([bin, 'recommend', '--parcels', '300', '--own-barcodes']);
    expect(advice.stdout).toMatch(/variant/i);
    const demo = await node([bin, 'demo']).then(
      () => ({ code: 0, stdout: '' }),
      (error: { stdout: string; code: number }) => error,
    );
    expect(demo.code).toBe(1);
    expect(demo.stdout).toMatch(/ships with the repository[\s\S]*Clone the PickPost SDK/);
  });

  it("load the Medusa provider through Medusa's module provider loader", async () => {
    const { stdout } = await node(['medusa-provider.cjs']);
    const result = JSON.parse(stdout) as { options: string[]; refused: string | undefined };
    expect(result.options).toContain('pickpost-point');
    expect(result.refused).toMatch(/^@pickpost\/medusa provider options: [\s\S]*frankingLicense/);
  });

  it("load the Medusa plugin's routes and jobs through Medusa's plugin resolver and loaders", async () => {
    const { stdout } = await node(['medusa-plugin.cjs']);
    // Medusa's HTTP layer logs a line of its own to stdout first (no Redis configured).
    const result = JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as {
      jobs: { id: string; schedule: { cron: string } }[];
      routes: string[];
    };
    expect(result.routes).toEqual([
      'GET /admin/pickpost/barcodes/:identcode',
      'GET /admin/pickpost/labels/:identcode',
      'GET /store/pickpost/points',
      'POST /admin/pickpost/datatransfer/flush',
      'POST /admin/pickpost/labels',
      'POST /store/pickpost/customers',
      'POST /store/pickpost/selection',
    ]);
    expect(result.jobs.map((job) => [job.id, job.schedule.cron]).sort()).toEqual([
      ['job-pickpost-datatransfer-reports-tick', '* * * * *'],
      ['job-pickpost-datatransfer-tick', '* * * * *'],
    ]);
  });

  it('give a working pickpost-woocommerce command', async () => {
    const bin = join(project, 'node_modules', '.bin', 'pickpost-woocommerce');
    const help = await node([bin, '--help']);
    expect(help.stdout).toContain('sync --once --config <file>');
    const unknown = await node([bin, 'no-such-command']).then(
      () => ({ code: 0, stdout: '', stderr: '' }),
      (error: { stdout: string; stderr: string; code: number }) => error,
    );
    expect(unknown.code).not.toBe(0);
    expect(`${unknown.stdout}${unknown.stderr}`).toContain('no-such-command');
  });

  it.each([
    ['node16', { module: 'node16', moduleResolution: 'node16' }],
    ['bundler', { module: 'esnext', moduleResolution: 'bundler' }],
  ])('type-check for TypeScript consumers with moduleResolution %s', async (name, options) => {
    const config = join(project, `tsconfig.${name}.json`);
    await writeFile(
      config,
      JSON.stringify({
        compilerOptions: {
          ...options,
          target: 'es2022',
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          types: ['node'],
        },
        files: ['types.ts', 'types-esm.mts'],
      }),
    );
    const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    const { stdout } = await node([tsc, '-p', config]).catch(
      (error: { stdout: string }) => error as { stdout: string },
    );
    // Only errors in the consumer's files or in our declarations count: third-party
    // declarations (Medusa's, a hoisted zod 3) have their own, which skipLibCheck would hide
    // together with ours. A line without a file (`error TS5…`) is a configuration error.
    const ours = stdout
      .split('\n')
      .filter((line) => /^(types[\w-]*\.m?ts|node_modules\/@pickpost\/|error )/.test(line));
    expect(ours).toEqual([]);
  });
});
