import type { AtomicWrite } from '@pickpost/core/store-kit';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestPostgres } from '../test/postgres-server';
import { createPostgresStateStore } from './postgres-state-store';

const testPostgres = useTestPostgres();

// The statements each pooled client sends, to see a batch go as one statement per kind.
let pool: pg.Pool;
let statements: string[] = [];
beforeAll(() => {
  pool = new pg.Pool({ connectionString: testPostgres().connectionString, max: 12 });
  pool.on('error', () => undefined);
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args) => {
      const [text] = args;
      statements.push(typeof text === 'string' ? (text.trim().split(/\s+/)[0] ?? '') : '?');
      return query(...args);
    };
  });
});
afterAll(async () => {
  await pool.end();
});

const newStore = () => createPostgresStateStore({ pool, schema: testPostgres().newSchema() });
const keyOf = (index: number) => `q:${String(index).padStart(4, '0')}`;

describe('writeGroups in one batch', () => {
  it('writes 100 one-write groups in one statement, each with its own result', async () => {
    const store = newStore();
    await store.writeGroups(
      Array.from({ length: 100 }, (_, index) => [
        { op: 'create' as const, key: keyOf(index), value: 'free' },
      ]),
    );
    // Every third item was taken by someone else meanwhile: its version moved on.
    for (let index = 0; index < 100; index += 3)
      await store.compareAndSet(keyOf(index), 1, 'taken');
    statements = [];
    const written = await store.writeGroups(
      Array.from({ length: 100 }, (_, index) => [
        { op: 'update' as const, key: keyOf(index), expectedVersion: 1, value: 'mine' },
      ]),
    );
    expect(statements).toEqual(['BEGIN', 'WITH', 'COMMIT']);
    expect(written).toEqual(Array.from({ length: 100 }, (_, index) => index % 3 !== 0));
    expect(await store.get(keyOf(0))).toEqual({ value: 'taken', version: 2 });
    expect(await store.get(keyOf(1))).toEqual({ value: 'mine', version: 2 });
  });

  it('writes groups of several writes together, and group by group when one of them fails', async () => {
    const store = newStore();
    await store.putIfAbsent('o:1', 'queued');
    await store.putIfAbsent('o:2', 'queued');
    statements = [];
    const pairs = (expected: number): AtomicWrite[][] => [
      [
        { op: 'update', key: 'o:1', expectedVersion: expected, value: 'done' },
        { op: 'create', key: 'd:1', value: 'dead letter' },
        { op: 'enqueue', id: 'parcel-1', payload: 'first' },
      ],
      [
        { op: 'update', key: 'o:2', expectedVersion: 1, value: 'done' },
        { op: 'enqueue', id: 'parcel-1', payload: 'second' },
        { op: 'enqueue', id: 'parcel-2', payload: 'p2' },
      ],
    ];
    expect(await store.writeGroups(pairs(1))).toEqual([true, true]);
    expect(statements).toEqual(['BEGIN', 'WITH', 'INSERT', 'INSERT', 'COMMIT']);
    expect((await store.outbox.get('parcel-1'))?.payload).toBe('first');
    const claimed = await store.outbox.claim({ limit: 10, leaseMs: 1000 });
    expect(claimed.items.map((item) => item.id)).toEqual(['parcel-1', 'parcel-2']);

    // o:1 is at version 2 now: its group fails whole (no dead letter, no outbox item), the
    // other group is written, as group by group.
    const again = newStore();
    await again.putIfAbsent('o:1', 'queued');
    await again.compareAndSet('o:1', 1, 'moved on');
    await again.putIfAbsent('o:2', 'queued');
    expect(await again.writeGroups(pairs(1))).toEqual([false, true]);
    expect(await again.get('d:1')).toBeUndefined();
    expect((await again.outbox.get('parcel-1'))?.payload).toBe('second');
    expect(await again.get('o:2')).toEqual({ value: 'done', version: 2 });
  });

  it('writes group by group when a key comes twice in one call', async () => {
    const store = newStore();
    await store.putIfAbsent('k', 'v1');
    expect(
      await store.writeGroups([
        [{ op: 'update', key: 'k', expectedVersion: 1, value: 'v2' }],
        [{ op: 'update', key: 'k', expectedVersion: 2, value: 'v3' }],
        [{ op: 'update', key: 'k', expectedVersion: 1, value: 'stale' }],
      ]),
    ).toEqual([true, true, false]);
    expect(await store.get('k')).toEqual({ value: 'v3', version: 3 });
  });

  it('lets concurrent batches over the same keys each win some, never both one, never deadlock', async () => {
    const store = newStore();
    const keys = Array.from({ length: 60 }, (_, index) => keyOf(index));
    await store.writeGroups(keys.map((key) => [{ op: 'create' as const, key, value: 'free' }]));
    // Eight claimers at once, each over every key in its own order (the batch sorts them).
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, claimer) =>
        store.writeGroups(
          [...keys]
            .sort((a, b) => (a > b ? 1 : -1) * (claimer % 2 === 0 ? 1 : -1))
            .map((key) => [
              { op: 'update' as const, key, expectedVersion: 1, value: `claimer ${claimer}` },
            ]),
        ),
      ),
    );
    const wins = results.flat().filter(Boolean).length;
    expect(wins).toBe(keys.length);
    for (const key of keys) expect((await store.get(key))?.version).toBe(2);

    // Groups of two over shared pairs: each pair goes to one caller, whole.
    const pairs = await Promise.all(
      Array.from({ length: 8 }, (_, caller) =>
        store.writeGroups(
          Array.from({ length: 30 }, (_, pair) => [
            {
              op: 'update' as const,
              key: keys[pair * 2] as string,
              expectedVersion: 2,
              value: `${caller}`,
            },
            {
              op: 'update' as const,
              key: keys[pair * 2 + 1] as string,
              expectedVersion: 2,
              value: `${caller}`,
            },
          ]),
        ),
      ),
    );
    for (let pair = 0; pair < 30; pair++) {
      const winners = pairs.filter((written) => written[pair] === true);
      expect(winners).toHaveLength(1);
      const a = await store.get(keys[pair * 2] as string);
      const b = await store.get(keys[pair * 2 + 1] as string);
      expect(a?.value).toBe(b?.value);
      expect(a?.version).toBe(3);
    }
  });
});
