import { isPickPostError } from '@pickpost/core';
import {
  describeDataTransferReportsContract,
  describeItemNumberAllocatorContract,
  describeStateStoreContract,
  rejectionOf,
} from '@pickpost/test-utils';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { useTestPostgres } from '../test/postgres-server';
import { createPostgresStateStore, POSTGRES_MIGRATIONS } from './postgres-state-store';

const testPostgres = useTestPostgres();

describeStateStoreContract('postgres', {
  create: async ({ clock }) =>
    createPostgresStateStore({
      connectionString: testPostgres().connectionString,
      schema: testPostgres().newSchema(),
      clock,
    }),
});

describeDataTransferReportsContract('postgres', {
  create: async () =>
    createPostgresStateStore({
      connectionString: testPostgres().connectionString,
      schema: testPostgres().newSchema(),
    }),
});

describeItemNumberAllocatorContract('postgres', {
  create: async () =>
    createPostgresStateStore({
      connectionString: testPostgres().connectionString,
      schema: testPostgres().newSchema(),
    }),
  numRuns: 30,
});

describe('createPostgresStateStore', () => {
  const withPool = async (task: (pool: pg.Pool) => Promise<void>) => {
    const pool = new pg.Pool({ connectionString: testPostgres().connectionString });
    // An idle client whose server stops (at the end of the file) must not end the run.
    pool.on('error', () => undefined);
    try {
      await task(pool);
    } finally {
      await pool.end();
    }
  };

  it('migrates a schema once, also when many instances start at the same time', async () => {
    await withPool(async (pool) => {
      const schema = testPostgres().newSchema();
      const stores = Array.from({ length: 6 }, () => createPostgresStateStore({ pool, schema }));
      const ends = await Promise.all(stores.map((store) => store.increment('c', 2)));
      expect(ends.sort((a, b) => a - b)).toEqual([2, 4, 6, 8, 10, 12]);
      const { rows } = await pool.query(
        `SELECT version FROM "${schema}".schema_migrations ORDER BY version`,
      );
      expect(rows).toEqual(POSTGRES_MIGRATIONS.map(({ version }) => ({ version })));
      for (const store of stores) await store.close();
      // The pool was the caller's: closing the stores left it open.
      expect((await pool.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    });
  });

  it('keeps schemas apart', async () => {
    await withPool(async (pool) => {
      const a = createPostgresStateStore({ pool, schema: testPostgres().newSchema() });
      const b = createPostgresStateStore({ pool, schema: testPostgres().newSchema() });
      await a.putIfAbsent('k', 'a');
      expect(await b.get('k')).toBeUndefined();
      expect(await a.increment('n')).toBe(1);
      expect(await b.increment('n')).toBe(1);
    });
  });

  it('refuses a schema migrated by a newer version of the package', async () => {
    await withPool(async (pool) => {
      const schema = testPostgres().newSchema();
      await createPostgresStateStore({ pool, schema }).increment('c');
      await pool.query(`INSERT INTO "${schema}".schema_migrations VALUES (999, 'future')`);
      const error = await rejectionOf(createPostgresStateStore({ pool, schema }).get('k'));
      expect(isPickPostError(error) && error.code).toBe('STORE_FAILED');
      expect((error as Error).message).toContain('version 999');
    });
  });

  it('reports an unreachable server as STORE_FAILED with the cause, without the password', async () => {
    const store = createPostgresStateStore({
      connectionString: 'postgres://shop:s3cret-pw@127.0.0.1:1/shop',
      schema: testPostgres().newSchema(),
    });
    const error = await rejectionOf(store.get('k'));
    expect(isPickPostError(error) && error.code).toBe('STORE_FAILED');
    expect((error as Error).cause).toMatchObject({ code: 'ECONNREFUSED' });
    expect(JSON.stringify(error)).not.toContain('s3cret-pw');
    await store.close();
  });

  it('refuses bad options', () => {
    const attempts = [
      () =>
        createPostgresStateStore({
          connectionString: testPostgres().connectionString,
          schema: 'A-b',
        }),
      () => createPostgresStateStore({}),
    ];
    for (const attempt of attempts) {
      let error: unknown;
      try {
        attempt();
      } catch (thrown) {
        error = thrown;
      }
      expect(isPickPostError(error) && error.code).toBe('STORE_FAILED');
    }
  });
});
