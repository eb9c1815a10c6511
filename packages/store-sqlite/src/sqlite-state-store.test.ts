import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isPickPostError } from '@pickpost/core';
import {
  describeDataTransferReportsContract,
  describeItemNumberAllocatorContract,
  describeStateStoreContract,
  rejectionOf,
} from '@pickpost/test-utils';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createSqliteStateStore, SQLITE_MIGRATIONS } from './sqlite-state-store';

const directory = mkdtempSync(join(tmpdir(), 'pickpost-sqlite-'));
let files = 0;
const newFile = () => {
  files += 1;
  return join(directory, `state-${files}.db`);
};

afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

describeStateStoreContract('sqlite', {
  create: async ({ clock }) => createSqliteStateStore({ filename: newFile(), clock }),
});

describeDataTransferReportsContract('sqlite', {
  create: async () => createSqliteStateStore({ filename: newFile() }),
});

describeItemNumberAllocatorContract('sqlite', {
  create: async () => createSqliteStateStore({ filename: newFile() }),
  numRuns: 60,
});

describe('createSqliteStateStore', () => {
  it('keeps values, counters and the outbox across reopening the file', async () => {
    const filename = newFile();
    const first = createSqliteStateStore({ filename });
    await first.putIfAbsent('order:1', '{"state":"done"}');
    expect(await first.increment('c', 5)).toBe(5);
    await first.outbox.enqueue('shipment-1', 'xml');
    await first.close();
    const second = createSqliteStateStore({ filename });
    expect(await second.get('order:1')).toEqual({ value: '{"state":"done"}', version: 1 });
    expect(await second.increment('c')).toBe(6);
    expect(await second.outbox.counts()).toEqual({ pending: 1, claimed: 0, delivered: 0 });
    await second.close();
  });

  it('records its migrations once and runs the file in WAL mode', async () => {
    const filename = newFile();
    await createSqliteStateStore({ filename }).close();
    await createSqliteStateStore({ filename }).close();
    const db = new Database(filename, { readonly: true });
    try {
      const versions = db.prepare('SELECT version FROM schema_migrations ORDER BY version').all();
      expect(versions).toEqual(SQLITE_MIGRATIONS.map(({ version }) => ({ version })));
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      db.close();
    }
  });

  it('sees the writes of another connection to the same file at once', async () => {
    const filename = newFile();
    const a = createSqliteStateStore({ filename });
    const b = createSqliteStateStore({ filename });
    await a.putIfAbsent('k', 'from a');
    expect(await b.putIfAbsent('k', 'from b')).toEqual({
      created: false,
      value: 'from a',
      version: 1,
    });
    const blocks = await Promise.all([a.increment('n', 3), b.increment('n', 4), a.increment('n')]);
    expect(blocks.sort((x, y) => x - y)).toEqual([3, 7, 8]);
    await a.outbox.enqueue('x', 'X');
    const claim = await b.outbox.claim({ limit: 5, leaseMs: 1000 });
    expect(await a.outbox.markDelivered(claim.token, ['x'], 'file')).toBe(1);
    await a.close();
    await b.close();
  });

  it('moves the values of a version 1 database into the rowid table, keys, versions and order kept', async () => {
    const filename = newFile();
    const old = new Database(filename);
    old.exec(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY NOT NULL,
      name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
    old.exec(SQLITE_MIGRATIONS[0]?.sql ?? '');
    old
      .prepare("INSERT INTO schema_migrations VALUES (1, 'values, counters and outbox', 'then')")
      .run();
    const insert = old.prepare('INSERT INTO state_values (key, value, version) VALUES (?, ?, ?)');
    for (const [key, version] of [
      ['b:2', 3],
      ['a:1', 1],
      ['b:10', 2],
    ] as const)
      insert.run(key, `value of ${key}`, version);
    old.close();
    const store = createSqliteStateStore({ filename });
    expect((await store.list('b:')).map(({ key, version }) => [key, version])).toEqual([
      ['b:10', 2],
      ['b:2', 3],
    ]);
    expect(await store.compareAndSet('b:2', 3, 'changed')).toBe(4);
    expect(await store.putIfAbsent('a:1', 'again')).toEqual({
      created: false,
      value: 'value of a:1',
      version: 1,
    });
    await store.close();
    const db = new Database(filename, { readonly: true });
    try {
      const table = db.prepare("SELECT sql FROM sqlite_master WHERE name = 'state_values'").get();
      expect((table as { sql: string }).sql).not.toMatch(/WITHOUT ROWID/);
    } finally {
      db.close();
    }
  });

  it('moves a version 2 outbox to a rowid table: rows, order, states and leases kept', async () => {
    const filename = newFile();
    const old = new Database(filename);
    old.exec(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY NOT NULL,
      name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
    for (const migration of SQLITE_MIGRATIONS.slice(0, 2)) {
      old.exec(migration.sql);
      old
        .prepare("INSERT INTO schema_migrations VALUES (?, ?, 'then')")
        .run(migration.version, migration.name);
    }
    const enqueue = old.prepare(
      "INSERT INTO outbox (id, payload, state, enqueued_at) VALUES (?, ?, 'pending', 1)",
    );
    for (const id of ['s-1', 's-2', 's-3', 's-4']) enqueue.run(id, `xml of ${id}`);
    old.prepare("UPDATE outbox SET state = 'delivered', receipt = 'f1' WHERE id = 's-1'").run();
    old.close();

    const store = createSqliteStateStore({ filename });
    expect(await store.outbox.counts()).toEqual({ pending: 3, claimed: 0, delivered: 1 });
    await store.outbox.enqueue('s-5', 'xml of s-5');
    const claim = await store.outbox.claim({ limit: 10, leaseMs: 60_000 });
    // Oldest first, the new one after the moved ones.
    expect(claim.items.map(({ id }) => id)).toEqual(['s-2', 's-3', 's-4', 's-5']);
    expect(await store.outbox.markDelivered(claim.token, ['s-2'], 'f2')).toBe(1);
    await store.close();
    const db = new Database(filename, { readonly: true });
    try {
      const table = db.prepare("SELECT sql FROM sqlite_master WHERE name = 'outbox'").get();
      expect((table as { sql: string }).sql).not.toMatch(/AUTOINCREMENT/);
      expect(db.prepare("SELECT * FROM sqlite_sequence WHERE name = 'outbox'").all()).toEqual([]);
      const indexes = db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'outbox'")
        .all();
      expect(indexes).toEqual(
        expect.arrayContaining([{ name: 'outbox_by_state' }, { name: 'outbox_by_token' }]),
      );
    } finally {
      db.close();
    }
  });

  it('refuses a database written by a newer version of the package', async () => {
    const filename = newFile();
    await createSqliteStateStore({ filename }).close();
    const db = new Database(filename);
    db.prepare("INSERT INTO schema_migrations VALUES (999, 'future', 'now')").run();
    db.close();
    const error = (() => {
      try {
        createSqliteStateStore({ filename });
      } catch (thrown) {
        return thrown;
      }
      return undefined;
    })();
    expect(isPickPostError(error) && error.code).toBe('STORE_FAILED');
    expect((error as Error).message).toContain('schema version 999');
  });

  it('reports a file that is not a database as STORE_FAILED with the cause', () => {
    const filename = newFile();
    writeFileSync(filename, 'this is not a database, but long enough to look like a header…');
    let error: unknown;
    try {
      createSqliteStateStore({ filename });
    } catch (thrown) {
      error = thrown;
    }
    expect(isPickPostError(error) && error.code).toBe('STORE_FAILED');
    expect((error as Error).cause).toMatchObject({ code: 'SQLITE_NOTADB' });
  });

  it('turns a failing statement into STORE_FAILED', async () => {
    const filename = newFile();
    const store = createSqliteStateStore({ filename });
    const db = new Database(filename);
    db.exec('DROP TABLE state_counters');
    db.close();
    const error = await rejectionOf(store.increment('c'));
    expect(isPickPostError(error) && error.code).toBe('STORE_FAILED');
    expect((error as Error).cause).toBeInstanceOf(Error);
    await store.close();
  });
});

describe('the database file', () => {
  it('is created readable by its owner only, with its journal', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pickpost-sqlite-mode-'));
    try {
      const filename = join(dir, 'shop.db');
      const store = createSqliteStateStore({ filename });
      await store.putIfAbsent('k', 'v');
      expect(statSync(filename).mode & 0o777).toBe(0o600);
      expect(statSync(`${filename}-wal`).mode & 0o777).toBe(0o600);
      await store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
