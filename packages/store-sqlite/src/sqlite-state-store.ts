import { randomUUID } from 'node:crypto';
import { closeSync, openSync } from 'node:fs';
import type { Clock } from '@pickpost/core';
import { PickPostError, systemClock } from '@pickpost/core';
import type {
  AtomicWrite,
  OutboxRow,
  OutboxState,
  StateStore,
  StoredEntry,
  StoreMigration,
} from '@pickpost/core/store-kit';
import {
  countOutboxStates,
  defineStateStore,
  keyPrefixEnd,
  outboxEntryFromRow,
  pendingMigrations,
  toStoreFailure,
} from '@pickpost/core/store-kit';
import Database from 'better-sqlite3';

/**
 * Where the SQLite store keeps its file, and how long a call waits for another process's write
 * lock.
 */
export interface SqliteStateStoreOptions {
  /** The database file; created with its directory's permissions when missing. */
  filename: string;
  /** Outbox timestamps and leases read it (default: the system clock). */
  clock?: Clock;
  /** How long a call waits for another process's write lock before failing (default 5,000 ms). */
  busyTimeoutMs?: number;
}

/**
 * The schema, one entry per version, applied in order and recorded in `schema_migrations`.
 * Released entries are never edited: a change is a new entry.
 */
export const SQLITE_MIGRATIONS: readonly StoreMigration[] = [
  {
    version: 1,
    name: 'values, counters and outbox',
    sql: `
      CREATE TABLE state_values (
        key TEXT PRIMARY KEY NOT NULL,
        value TEXT NOT NULL,
        version INTEGER NOT NULL
      ) WITHOUT ROWID;
      CREATE TABLE state_counters (
        name TEXT PRIMARY KEY NOT NULL,
        value INTEGER NOT NULL
      ) WITHOUT ROWID;
      CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        payload TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('pending', 'claimed', 'delivered')),
        attempts INTEGER NOT NULL DEFAULT 0,
        enqueued_at INTEGER NOT NULL,
        token TEXT,
        lease_expires_at INTEGER,
        receipt TEXT,
        delivered_at INTEGER
      );
      CREATE INDEX outbox_by_state ON outbox (state, seq);
      CREATE INDEX outbox_by_token ON outbox (token) WHERE token IS NOT NULL;
    `,
  },
  {
    version: 2,
    name: 'values in a rowid table',
    // A WITHOUT ROWID table keeps each row in the key's B-tree: a parcel record of 1–3 KB fills
    // a page or more, and a new key in the middle splits and moves them. Appended by rowid with
    // the key in a small unique index, an order's writes cost half as much (measured: 32 orders
    // per commit, 14,000 → 21,000 orders/s of SQL on the same disk).
    sql: `
      CREATE TABLE state_values_by_row (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        value TEXT NOT NULL,
        version INTEGER NOT NULL
      );
      INSERT INTO state_values_by_row (key, value, version)
        SELECT key, value, version FROM state_values ORDER BY key;
      DROP TABLE state_values;
      ALTER TABLE state_values_by_row RENAME TO state_values;
    `,
  },
  {
    version: 3,
    name: 'outbox without AUTOINCREMENT',
    // AUTOINCREMENT writes its counter's page (sqlite_sequence) in every enqueueing commit: one
    // page in ten of an order's commit, and a commit's cost grows with its pages (it is synced).
    // A plain rowid is the largest seq + 1: still increasing, so the outbox keeps its order;
    // only the seq of a withdrawn last row can come again, and no record refers to a seq (rows
    // are claimed by seq inside one transaction, then known by id and token).
    sql: `
      CREATE TABLE outbox_by_rowid (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        payload TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('pending', 'claimed', 'delivered')),
        attempts INTEGER NOT NULL DEFAULT 0,
        enqueued_at INTEGER NOT NULL,
        token TEXT,
        lease_expires_at INTEGER,
        receipt TEXT,
        delivered_at INTEGER
      );
      INSERT INTO outbox_by_rowid (seq, id, payload, state, attempts, enqueued_at, token,
          lease_expires_at, receipt, delivered_at)
        SELECT seq, id, payload, state, attempts, enqueued_at, token, lease_expires_at, receipt,
          delivered_at
        FROM outbox ORDER BY seq;
      DROP TABLE outbox; -- removes its sqlite_sequence row too
      ALTER TABLE outbox_by_rowid RENAME TO outbox;
      CREATE INDEX outbox_by_state ON outbox (state, seq);
      CREATE INDEX outbox_by_token ON outbox (token) WHERE token IS NOT NULL;
    `,
  },
];

/** Thrown inside a group's savepoint to undo the group when a condition does not hold. */
const GROUP_REFUSED = Symbol('group refused');

function migrate(db: Database.Database): void {
  // IMMEDIATE takes the write lock first, so processes opening a new file at the same time
  // apply each migration once: the second waits, then finds it recorded.
  db.transaction(() => {
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY NOT NULL,
      name TEXT NOT NULL,
      applied_at TEXT NOT NULL
    )`);
    const row = db.prepare('SELECT max(version) AS version FROM schema_migrations').get() as {
      version: number | null;
    };
    const pending = pendingMigrations(
      SQLITE_MIGRATIONS,
      row.version ?? 0,
      'The database',
      '@pickpost/store-sqlite',
    );
    const record = db.prepare(
      "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%fZ'))",
    );
    for (const migration of pending) {
      db.exec(migration.sql);
      record.run(migration.version, migration.name);
    }
  }).immediate();
}

/**
 * Creates a new database file 0600 before SQLite opens it: it holds customers' PickPost IDs and
 * shipments (personal data), and SQLite gives its -wal and -shm files the database's mode.
 */
function createPrivately(filename: string): void {
  if (filename === ':memory:' || filename === '') return;
  try {
    closeSync(openSync(filename, 'wx', 0o600));
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'EEXIST') throw error;
  }
}

function open(filename: string, busyTimeoutMs: number): Database.Database {
  createPrivately(filename);
  // better-sqlite3's `timeout` is SQLite's busy timeout: a locked database is waited for.
  const db = new Database(filename, { timeout: busyTimeoutMs });
  try {
    // WAL lets readers of other processes go on while one process writes.
    db.pragma('journal_mode = WAL');
    // FULL syncs every commit: after a power cut the counter must not go back, or item
    // numbers handed out just before it would be handed out again.
    db.pragma('synchronous = FULL');
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * A {@link StateStore} in one SQLite file (better-sqlite3, WAL). Several processes on one
 * machine may open the same file: every call is a single statement or an `IMMEDIATE`
 * transaction, and a process waits up to `busyTimeoutMs` for another's write lock. Not for
 * network file systems, where SQLite's locks are unreliable; use `@pickpost/store-postgres`
 * for several machines.
 *
 * @example
 * import { createItemNumberAllocator } from '@pickpost/core';
 * import { createSqliteStateStore } from '@pickpost/store-sqlite';
 *
 * const store = createSqliteStateStore({ filename: './pickpost.db' });
 * const allocator = createItemNumberAllocator({ store, frankingLicense: '60013217' });
 * const itemNumber = await allocator.next();
 * await store.close();
 */
export function createSqliteStateStore(options: SqliteStateStoreOptions): StateStore {
  const clock = options.clock ?? systemClock;
  if (typeof options.filename !== 'string' || options.filename === '') {
    throw new PickPostError('STORE_FAILED', 'createSqliteStateStore needs a filename');
  }
  let db: Database.Database;
  try {
    db = open(options.filename, options.busyTimeoutMs ?? 5000);
  } catch (error) {
    throw toStoreFailure(error, 'SQLite');
  }

  const statements = {
    get: db.prepare('SELECT value, version FROM state_values WHERE key = ?'),
    insert: db.prepare(
      'INSERT INTO state_values (key, value, version) VALUES (?, ?, 1) ON CONFLICT (key) DO NOTHING',
    ),
    compareAndSet: db.prepare(
      'UPDATE state_values SET value = ?, version = version + 1 WHERE key = ? AND version = ? RETURNING version',
    ),
    delete: db.prepare('DELETE FROM state_values WHERE key = ?'),
    deleteAt: db.prepare('DELETE FROM state_values WHERE key = ? AND version = ?'),
    list: db.prepare(`SELECT key, value, version FROM state_values
      WHERE key >= @prefix AND (@end IS NULL OR key < @end) AND (@after IS NULL OR key > @after)
      ORDER BY key LIMIT @limit`),
    increment: db.prepare(`INSERT INTO state_counters (name, value) VALUES (?, ?)
      ON CONFLICT (name) DO UPDATE SET value = value + excluded.value RETURNING value`),
    enqueue: db.prepare(`INSERT INTO outbox (id, payload, state, enqueued_at)
      VALUES (?, ?, 'pending', ?) ON CONFLICT (id) DO NOTHING`),
    claimable: db.prepare(`SELECT seq FROM outbox
      WHERE state = 'pending' OR (state = 'claimed' AND lease_expires_at <= @now)
      ORDER BY seq LIMIT @limit`),
    claim: db.prepare(`UPDATE outbox SET state = 'claimed', token = @token,
      lease_expires_at = @leaseExpiresAt WHERE seq = @seq
      RETURNING id, payload, state, attempts, enqueued_at, receipt, delivered_at`),
    markDelivered: db.prepare(`UPDATE outbox SET state = 'delivered', receipt = @receipt,
      delivered_at = @now, token = NULL, lease_expires_at = NULL
      WHERE id = @id AND state = 'claimed' AND token = @token`),
    releaseOne: db.prepare(`UPDATE outbox SET state = 'pending', attempts = attempts + 1,
      token = NULL, lease_expires_at = NULL WHERE id = @id AND state = 'claimed' AND token = @token`),
    releaseAll: db.prepare(`UPDATE outbox SET state = 'pending', attempts = attempts + 1,
      token = NULL, lease_expires_at = NULL WHERE state = 'claimed' AND token = @token`),
    outboxGet: db.prepare(
      'SELECT id, payload, state, attempts, enqueued_at, receipt, delivered_at FROM outbox WHERE id = ?',
    ),
    counts: db.prepare('SELECT state, count(*) AS count FROM outbox GROUP BY state'),
    withdraw: db.prepare("DELETE FROM outbox WHERE id = ? AND state = 'pending'"),
  };

  // Read-modify-write steps run in IMMEDIATE transactions: a deferred one would read under a
  // snapshot and then fail with SQLITE_BUSY_SNAPSHOT instead of waiting when it tries to write.
  const putIfAbsent = db.transaction((key: string, value: string) => {
    const created = statements.insert.run(key, value).changes === 1;
    const row = statements.get.get(key) as { value: string; version: number };
    return { created, value: row.value, version: row.version };
  });
  const claim = db.transaction(
    (now: number, limit: number, token: string, leaseExpiresAt: number) => {
      const rows = statements.claimable.all({ now, limit }) as { seq: number }[];
      return rows.map(
        (row) => statements.claim.get({ token, leaseExpiresAt, seq: row.seq }) as OutboxRow,
      );
    },
  );
  const markDelivered = db.transaction(
    (token: string, ids: readonly string[], receipt: string, now: number) => {
      let marked = 0;
      for (const id of new Set(ids)) {
        marked += statements.markDelivered.run({ id, token, receipt, now }).changes;
      }
      return marked;
    },
  );
  // A group is a nested transaction (a SAVEPOINT in better-sqlite3): a failed condition
  // rolls back that group only; all groups commit together in one IMMEDIATE transaction.
  const writeGroup = db.transaction((group: readonly AtomicWrite[], now: number) => {
    for (const write of group) {
      if (write.op === 'enqueue') {
        statements.enqueue.run(write.id, write.payload, now);
      } else if (write.op === 'create') {
        if (statements.insert.run(write.key, write.value).changes === 0) throw GROUP_REFUSED;
      } else if (
        statements.compareAndSet.get(write.value, write.key, write.expectedVersion) === undefined
      ) {
        throw GROUP_REFUSED;
      }
    }
  });
  const writeGroups = db.transaction((groups: readonly (readonly AtomicWrite[])[], now: number) =>
    groups.map((group) => {
      try {
        writeGroup(group, now);
        return true;
      } catch (error) {
        if (error === GROUP_REFUSED) return false;
        throw error;
      }
    }),
  );
  const release = db.transaction((token: string, ids: readonly string[] | undefined) => {
    if (ids === undefined) return statements.releaseAll.run({ token }).changes;
    let released = 0;
    for (const id of new Set(ids)) released += statements.releaseOne.run({ id, token }).changes;
    return released;
  });

  // The store kit checks every argument, refuses calls once closed and maps failures to
  // STORE_FAILED; what is left here is SQL.
  return defineStateStore({
    name: 'SQLite',
    driver: {
      get(key) {
        const row = statements.get.get(key) as { value: string; version: number } | undefined;
        return row === undefined ? undefined : { value: row.value, version: row.version };
      },

      putIfAbsent: (key, value) => putIfAbsent.immediate(key, value),

      compareAndSet(key, expectedVersion, value) {
        const row = statements.compareAndSet.get(value, key, expectedVersion) as
          | { version: number }
          | undefined;
        return row?.version;
      },

      delete(key, expectedVersion) {
        const result =
          expectedVersion === undefined
            ? statements.delete.run(key)
            : statements.deleteAt.run(key, expectedVersion);
        return result.changes > 0;
      },

      list(prefix, { after, limit }) {
        const rows = statements.list.all({
          prefix,
          end: keyPrefixEnd(prefix) ?? null,
          after: after ?? null,
          limit: limit ?? -1,
        }) as StoredEntry[];
        return rows.map((row) => ({ key: row.key, value: row.value, version: row.version }));
      },

      increment: (name, by) => (statements.increment.get(name, by) as { value: number }).value,

      writeGroups: (groups) => writeGroups.immediate(groups, clock.now()),

      outbox: {
        enqueue: (id, payload) => ({
          enqueued: statements.enqueue.run(id, payload, clock.now()).changes === 1,
        }),

        claim({ limit, leaseMs }) {
          const now = clock.now();
          const token = randomUUID();
          const leaseExpiresAt = now + leaseMs;
          const rows = claim.immediate(now, limit, token, leaseExpiresAt);
          return { token, leaseExpiresAt, items: rows.map(outboxEntryFromRow) };
        },

        markDelivered: (token, ids, receipt) =>
          markDelivered.immediate(token, ids, receipt, clock.now()),

        release: (token, ids) => release.immediate(token, ids),

        withdraw: (id) => statements.withdraw.run(id).changes === 1,

        get(id) {
          const row = statements.outboxGet.get(id) as OutboxRow | undefined;
          return row === undefined ? undefined : outboxEntryFromRow(row);
        },

        counts: () =>
          countOutboxStates(statements.counts.all() as { state: OutboxState; count: number }[]),
      },

      close() {
        db.close();
      },
    },
  });
}
