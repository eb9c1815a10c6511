// A throwaway real WordPress for the plugin's test: Debian's `wordpress` package (6.1.9 on
// Debian 12) copied into a temp folder with its own wp-config.php, on a private MariaDB started
// as the current user in a temp datadir, served by `php -S` on loopback. Nothing touches /etc or
// a system service. `pnpm test` installs the Debian packages (scripts/system-tools.mjs); run alone
// without them, `startWordPress` fails with the command to run instead of passing silently.
import type { ChildProcess } from 'node:child_process';
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { freePort } from './cli-kit';

export { startWordPress, type WordPress };

const DEBIAN_WORDPRESS = '/usr/share/wordpress';
const MARIADBD = '/usr/sbin/mariadbd';

interface WordPress {
  readonly url: string;
  /** WordPress's own folder (the copy), e.g. to find wp-content/plugins. */
  readonly root: string;
  /** WP_DEBUG_LOG's file: what PHP and WordPress reported while WP_DEBUG was on. */
  debugLog(): string;
  /** What `php -S` wrote to stderr (its request lines and any PHP message not sent to the log). */
  serverStderr(): string;
  /** One SQL query's result rows, tab-separated, through the MariaDB client. */
  sql(query: string): string;
  stop(): Promise<void>;
}

function requireTools(): void {
  const missing = [
    [existsSync(`${DEBIAN_WORDPRESS}/wp-settings.php`), 'wordpress'],
    [existsSync(MARIADBD), 'mariadb-server'],
    [phpHasMysqli(), 'php-mysql'],
  ].filter(([present]) => !present);
  if (missing.length > 0) {
    const packages = missing.map(([, name]) => name).join(' ');
    throw new Error(
      `A real WordPress needs Debian packages that are missing: apt-get update && apt-get install -y ${packages} (pnpm test installs them)`,
    );
  }
}

function phpHasMysqli(): boolean {
  try {
    execFileSync('php', ['-r', "exit(class_exists('mysqli') ? 0 : 1);"], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

async function waitFor(what: string, ready: () => Promise<boolean>, child: ChildProcess) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode}`);
    if (await ready()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what} did not come up within 30 s`);
}

/** Stops `child`; with `group`, its whole process group (php -S's workers are its children). */
function stopChild(child: ChildProcess, group = false): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    if (group && child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
    else child.kill('SIGTERM');
  });
}

/** The private MariaDB: root without a password, reachable on loopback only. */
async function startMariaDb(dir: string) {
  const datadir = join(dir, 'mysql');
  const socket = join(dir, 'mysql.sock');
  const user = userInfo().username;
  // --auth-root-authentication-method=normal: root@localhost gets an empty password instead of
  // unix_socket authentication, so PHP can log in over TCP as any OS user.
  execFileSync(
    'mariadb-install-db',
    [
      '--no-defaults',
      `--datadir=${datadir}`,
      `--user=${user}`,
      '--auth-root-authentication-method=normal',
      '--skip-test-db',
    ],
    { stdio: 'ignore' },
  );
  const port = await freePort();
  const log: string[] = [];
  const child = spawn(
    MARIADBD,
    [
      '--no-defaults',
      `--datadir=${datadir}`,
      `--socket=${socket}`,
      `--pid-file=${join(dir, 'mysql.pid')}`,
      `--user=${user}`,
      '--bind-address=127.0.0.1',
      `--port=${port}`,
      '--skip-log-bin',
      '--innodb-buffer-pool-size=32M',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  child.stderr?.on('data', (chunk: Buffer) => log.push(chunk.toString()));
  const sql = (query: string) =>
    execFileSync('mariadb', ['--no-defaults', `--socket=${socket}`, '-uroot', '-N', '-e', query], {
      encoding: 'utf8',
    });
  await waitFor(
    'mariadbd',
    async () => {
      try {
        sql('SELECT 1');
        return true;
      } catch {
        return false;
      }
    },
    child,
  ).catch(async (error: Error) => {
    await stopChild(child);
    throw new Error(`${error.message}: ${log.join('').slice(-2000)}`);
  });
  sql('CREATE DATABASE wordpress CHARACTER SET utf8mb4');
  return { port, sql, stop: () => stopChild(child) };
}

function wpConfig(dbPort: number, url: string, debugLog: string): string {
  const salt = () => randomBytes(32).toString('hex');
  const keys = ['AUTH', 'SECURE_AUTH', 'LOGGED_IN', 'NONCE']
    .flatMap((name) => [`${name}_KEY`, `${name}_SALT`])
    .map((name) => `define( '${name}', '${salt()}' );`)
    .join('\n');
  // Debian's own wp-config.php reads /etc/wordpress/config-<host>.php; this one is self-contained.
  return `<?php
define( 'DB_NAME', 'wordpress' );
define( 'DB_USER', 'root' );
define( 'DB_PASSWORD', '' );
define( 'DB_HOST', '127.0.0.1:${dbPort}' );
define( 'DB_CHARSET', 'utf8mb4' );
define( 'DB_COLLATE', '' );
${keys}
$table_prefix = 'wp_';
define( 'WP_HOME', '${url}' );
define( 'WP_SITEURL', '${url}' );
define( 'WP_DEBUG', true );
define( 'WP_DEBUG_LOG', '${debugLog}' );
define( 'WP_DEBUG_DISPLAY', false );
define( 'FS_METHOD', 'direct' );
// Offline: no update checks, news feeds or loopback cron requests during the test.
define( 'WP_HTTP_BLOCK_EXTERNAL', true );
define( 'AUTOMATIC_UPDATER_DISABLED', true );
define( 'DISABLE_WP_CRON', true );
if ( ! defined( 'ABSPATH' ) ) {
	define( 'ABSPATH', __DIR__ . '/' );
}
require_once ABSPATH . 'wp-settings.php';
`;
}

/** Starts MariaDB and WordPress (not yet installed: see the test's install step). */
async function startWordPress(): Promise<WordPress> {
  requireTools();
  const dir = mkdtempSync(join(tmpdir(), 'real-wp-'));
  const root = join(dir, 'wordpress');
  const debugLog = join(dir, 'debug.log');
  const db = await startMariaDb(dir);
  cpSync(DEBIAN_WORDPRESS, root, { recursive: true, dereference: true });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  writeFileSync(join(root, 'wp-config.php'), wpConfig(db.port, url, debugLog));
  const stderr: string[] = [];
  const php = spawn('php', ['-S', `127.0.0.1:${port}`, '-t', root], {
    cwd: root,
    // More than one worker: the installer requests its own site (wp_install_maybe_enable_pretty_permalinks),
    // which a single-worker php -S answers only after that request's 5 s timeout, twice.
    env: { ...process.env, PHP_CLI_SERVER_WORKERS: '3' },
    // Its own process group, so stopping it stops the workers too.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  php.stdout?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  php.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const stop = async () => {
    await stopChild(php, true);
    await db.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  await waitFor(
    'php -S',
    async () => {
      try {
        await fetch(`${url}/wp-includes/images/blank.gif`);
        return true;
      } catch {
        return false;
      }
    },
    php,
  ).catch(async (error: Error) => {
    await stop();
    throw new Error(`${error.message}: ${stderr.join('').slice(-2000)}`);
  });
  return {
    url,
    root,
    debugLog: () => (existsSync(debugLog) ? readFileSync(debugLog, 'utf8') : ''),
    serverStderr: () => stderr.join(''),
    sql: db.sql,
    stop,
  };
}
