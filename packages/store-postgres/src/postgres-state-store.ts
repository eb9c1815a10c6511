import { randomUUID } from 'node:crypto';
import type { Clock } from '@pickpost/core';
import { PickPostError, systemClock } from '@pickpost/core';
import type {
  OutboxRow,
  OutboxState,
  StateStore,
  StateStoreDriver,
  StoreMigration,
} from '@pickpost/core/store-kit';
import {
  countOutboxStates,
  defineStateStore,
  keyPrefixEnd,
  outboxEntryFromRow,
  pendingMigrations,
} from '@pickpost/core/store-kit';
import type { Pool } from 'pg';
import pg from 'pg';
import { batchable, groupResults, writeBatch, writeEachGroup } from './batch-writes';

/**
 * Which PostgreSQL database and schema the store uses, given as a pool you own or a connection
 * string.
 */
export interface PostgresStateStoreOptions {
  /** A pool you own; `close()` leaves it open. Give this or `connectionString`. */
  pool?: Pool;
  /** `postgres://user:password@host:5432/db`; the store opens and closes its own pool. */
  connectionString?: string;
  /** The schema holding the store's tables, created when missing (default `pickpost`). */
  schema?: string;
  /** Outbox timestamps and leases read it (default: the system clock). */
  clock?: Clock;
}

/**
 * The schema, one entry per version, applied in order under an advisory lock and recorded in
 * `<schema>.schema_migrations`. `{schema}` stands for the quoted schema name. Released entries
 * are never edited: a change is a new entry.
 */
export const POSTGRES_MIGRATIONS: readonly StoreMigration[] = [
  {
    version: 1,
    name: 'values, counters and outbox',
    // COLLATE "C" orders keys by code point, as the StateStore contract requires, whatever the
    // database's default collation is.
    sql: `
      CREATE TABLE {schema}.state_values (
        key text COLLATE "C" PRIMARY KEY,
        value text NOT NULL,
        version integer NOT NULL
      );
      CREATE TABLE {schema}.state_counters (
        name text COLLATE "C" PRIMARY KEY,
        value bigint NOT NULL
      );
      CREATE TABLE {schema}.outbox (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id text COLLATE "C" NOT NULL UNIQUE,
        payload text NOT NULL,
        state text NOT NULL CHECK (state IN ('pending', 'claimed', 'delivered')),
        attempts integer NOT NULL DEFAULT 0,
        enqueued_at bigint NOT NULL,
        token text,
        lease_expires_at bigint,
        receipt text,
        delivered_at bigint
      );
      CREATE INDEX outbox_undelivered ON {schema}.outbox (seq) WHERE state <> 'delivered';
      CREATE INDEX outbox_by_token ON {schema}.outbox (token) WHERE token IS NOT NULL;
    `,
  },
];

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
const OUTBOX_COLUMNS = 'seq, id, payload, state, attempts, enqueued_at, receipt, delivered_at';
/** The same columns of the `item` a claim updates. */
const CLAIMED_COLUMNS = OUTBOX_COLUMNS.replaceAll(/(\w+)/g, 'item.$1');

async function migrate(pool: Pool, schema: string, quoted: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    // One migrating instance per schema at a time; the others wait here, then find the
    // versions recorded. The lock ends with the transaction.
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
      `pickpost-migrations:${schema}`,
    ]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoted}`);
    await client.query(`CREATE TABLE IF NOT EXISTS ${quoted}.schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await client.query<{ version: number | null }>(
      `SELECT max(version) AS version FROM ${quoted}.schema_migrations`,
    );
    const pending = pendingMigrations(
      POSTGRES_MIGRATIONS,
      rows[0]?.version ?? 0,
      `The schema ${schema}`,
      '@pickpost/store-postgres',
    );
    for (const migration of pending) {
      await client.query(migration.sql.replaceAll('{schema}', quoted));
      await client.query(
        `INSERT INTO ${quoted}.schema_migrations (version, name) VALUES ($1, $2)`,
        [migration.version, migration.name],
      );
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/**
 * A {@link StateStore} in PostgreSQL (`pg` 8), for shops that run several instances: counters
 * are row-locked upserts, compare-and-set is a conditional update, and outbox claims use
 * `FOR UPDATE SKIP LOCKED`, so instances never wait on each other's claimed items. The tables
 * live in their own schema, created and migrated on first use.
 *
 * @example
 * import { createItemNumberAllocator } from '@pickpost/core';
 * import { createPostgresStateStore } from '@pickpost/store-postgres';
 *
 * const store = createPostgresStateStore({ connectionString: process.env.DATABASE_URL });
 * const allocator = createItemNumberAllocator({ store, frankingLicense: '60013217' });
 * const itemNumber = await allocator.next();
 * await store.close();
 */
export function createPostgresStateStore(options: PostgresStateStoreOptions): StateStore {
  const clock = options.clock ?? systemClock;
  const schema = options.schema ?? 'pickpost';
  if (!SCHEMA_NAME.test(schema)) {
    throw new PickPostError(
      'STORE_FAILED',
      'The schema name must be 1 to 63 lower-case letters, digits or underscores',
    );
  }
  if ((options.pool === undefined) === (options.connectionString === undefined)) {
    throw new PickPostError(
      'STORE_FAILED',
      'createPostgresStateStore needs either a pool or a connectionString',
    );
  }
  const ownsPool = options.pool === undefined;
  const pool = options.pool ?? new pg.Pool({ connectionString: options.connectionString });
  // A pool emits errors of idle clients (a server restart, say); unhandled, they end the
  // process. The next query fails with its own error instead.
  if (ownsPool) pool.on('error', () => undefined);
  const quoted = `"${schema}"`;
  const table = {
    values: `${quoted}.state_values`,
    counters: `${quoted}.state_counters`,
    outbox: `${quoted}.outbox`,
  };
  async function query<TRow extends object>(text: string, values: unknown[] = []) {
    return pool.query<TRow>(text, values);
  }

  // The store kit checks every argument, refuses calls once closed, maps failures to
  // STORE_FAILED and runs the migrations before the first call; what is left here is SQL.
  const driver: StateStoreDriver = {
    get: async (key) => {
      const { rows } = await query<{ value: string; version: number }>(
        `SELECT value, version FROM ${table.values} WHERE key = $1`,
        [key],
      );
      const row = rows[0];
      return row === undefined ? undefined : { value: row.value, version: row.version };
    },

    putIfAbsent: async (key, value) => {
      // Insert-or-read in two statements: when the existing row is deleted in between, the
      // insert is simply tried again.
      for (;;) {
        const inserted = await query<{ value: string; version: number }>(
          `INSERT INTO ${table.values} (key, value, version) VALUES ($1, $2, 1)
             ON CONFLICT (key) DO NOTHING RETURNING value, version`,
          [key, value],
        );
        const created = inserted.rows[0];
        if (created !== undefined) return { created: true, ...created };
        const existing = await query<{ value: string; version: number }>(
          `SELECT value, version FROM ${table.values} WHERE key = $1`,
          [key],
        );
        const found = existing.rows[0];
        if (found !== undefined) return { created: false, ...found };
      }
    },

    compareAndSet: async (key, expectedVersion, value) => {
      const { rows } = await query<{ version: number }>(
        `UPDATE ${table.values} SET value = $3, version = version + 1
           WHERE key = $1 AND version = $2 RETURNING version`,
        [key, expectedVersion, value],
      );
      return rows[0]?.version;
    },

    delete: async (key, expectedVersion) => {
      const result = await query(
        `DELETE FROM ${table.values} WHERE key = $1 AND ($2::integer IS NULL OR version = $2)`,
        [key, expectedVersion ?? null],
      );
      return (result.rowCount ?? 0) > 0;
    },

    list: async (prefix, { after, limit }) => {
      const { rows } = await query<{ key: string; value: string; version: number }>(
        `SELECT key, value, version FROM ${table.values}
           WHERE key >= $1 AND ($2::text IS NULL OR key < $2) AND ($3::text IS NULL OR key > $3)
           ORDER BY key LIMIT $4`,
        [prefix, keyPrefixEnd(prefix) ?? null, after ?? null, limit ?? null],
      );
      return rows.map((row) => ({ key: row.key, value: row.value, version: row.version }));
    },

    increment: async (name, by) => {
      const { rows } = await query<{ value: string }>(
        `INSERT INTO ${table.counters} AS counter (name, value) VALUES ($1, $2)
           ON CONFLICT (name) DO UPDATE SET value = counter.value + EXCLUDED.value
           RETURNING value`,
        [name, by],
      );
      return Number(rows[0]?.value);
    },

    writeGroups: async (groups) => {
      // One transaction: the writes as one batch where no key repeats (batch-writes.ts), else
      // group by group, each group of several inside a savepoint.
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        let written: boolean[] | undefined;
        if (batchable(groups)) {
          const results = groupResults(
            groups,
            await writeBatch(client, table, groups, clock.now()),
          );
          // A failed group of one write left nothing behind; a failed group of several may have
          // left some of its writes, so the batch is undone and written group by group.
          if (results.every((ok, index) => ok || (groups[index]?.length ?? 0) <= 1))
            written = results;
          else {
            await client.query('ROLLBACK');
            await client.query('BEGIN');
          }
        }
        written ??= await writeEachGroup(client, table, groups, () => clock.now());
        await client.query('COMMIT');
        return written;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },

    outbox: {
      enqueue: async (id, payload) => {
        const result = await query(
          `INSERT INTO ${table.outbox} (id, payload, state, enqueued_at)
             VALUES ($1, $2, 'pending', $3) ON CONFLICT (id) DO NOTHING`,
          [id, payload, clock.now()],
        );
        return { enqueued: result.rowCount === 1 };
      },

      claim: async (claimOptions) => {
        const now = clock.now();
        const token = randomUUID();
        const leaseExpiresAt = now + claimOptions.leaseMs;
        // SKIP LOCKED: rows another claim is taking right now are left to it rather than
        // waited for; FOR UPDATE re-checks the state of rows that changed meanwhile.
        const { rows } = await query<OutboxRow & { seq: string }>(
          `WITH picked AS (
               SELECT seq FROM ${table.outbox}
               WHERE state = 'pending' OR (state = 'claimed' AND lease_expires_at <= $1)
               ORDER BY seq LIMIT $2 FOR UPDATE SKIP LOCKED
             )
             UPDATE ${table.outbox} AS item
             SET state = 'claimed', token = $3, lease_expires_at = $4
             FROM picked WHERE item.seq = picked.seq
             RETURNING ${CLAIMED_COLUMNS}`,
          [now, claimOptions.limit, token, leaseExpiresAt],
        );
        rows.sort((a, b) => Number(a.seq) - Number(b.seq));
        return { token, leaseExpiresAt, items: rows.map(outboxEntryFromRow) };
      },

      markDelivered: async (token, ids, receipt) => {
        const result = await query(
          `UPDATE ${table.outbox}
             SET state = 'delivered', receipt = $3, delivered_at = $4, token = NULL,
                 lease_expires_at = NULL
             WHERE id = ANY($2::text[]) AND state = 'claimed' AND token = $1`,
          [token, [...ids], receipt, clock.now()],
        );
        return result.rowCount ?? 0;
      },

      release: async (token, ids) => {
        const result = await query(
          `UPDATE ${table.outbox}
             SET state = 'pending', attempts = attempts + 1, token = NULL, lease_expires_at = NULL
             WHERE state = 'claimed' AND token = $1 AND ($2::text[] IS NULL OR id = ANY($2))`,
          [token, ids === undefined ? null : [...ids]],
        );
        return result.rowCount ?? 0;
      },

      withdraw: async (id) => {
        const result = await query(
          `DELETE FROM ${table.outbox} WHERE id = $1 AND state = 'pending'`,
          [id],
        );
        return result.rowCount === 1;
      },

      get: async (id) => {
        const { rows } = await query<OutboxRow>(
          `SELECT ${OUTBOX_COLUMNS} FROM ${table.outbox} WHERE id = $1`,
          [id],
        );
        const row = rows[0];
        return row === undefined ? undefined : outboxEntryFromRow(row);
      },

      counts: async () => {
        const { rows } = await query<{ state: OutboxState; count: string }>(
          `SELECT state, count(*) AS count FROM ${table.outbox} GROUP BY state`,
        );
        return countOutboxStates(rows);
      },
    },

    // A pool the caller passed in is theirs to end.
    close: () => (ownsPool ? pool.end() : undefined),
  };
  return defineStateStore({
    name: 'Postgres',
    driver,
    prepare: () => migrate(pool, schema, quoted),
  });
}
